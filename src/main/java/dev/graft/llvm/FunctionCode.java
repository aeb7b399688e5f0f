package dev.graft.llvm;

import dev.graft.llvm.capi.LibLlvm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Walks a function's instructions to learn the {@link CodeFacts} attribute reconciliation depends on. */
final class FunctionCode {

    /** What {@link #forEachInstruction} calls for each instruction, with its opcode. */
    interface InstructionVisitor {
        void visit(MemorySegment instruction, int opcode) throws Throwable;
    }

    /** Calls {@code visitor} for every instruction of {@code function}, block by block, in order. */
    static void forEachInstruction(LibLlvm capi, Module.Function function, InstructionVisitor visitor)
            throws Throwable {
        for (MemorySegment block = (MemorySegment) capi.getFirstBasicBlock.invokeExact(function.handle());
             !block.equals(MemorySegment.NULL); block = (MemorySegment) capi.getNextBasicBlock.invokeExact(block)) {
            for (MemorySegment i = (MemorySegment) capi.getFirstInstruction.invokeExact(block);
                 !i.equals(MemorySegment.NULL); i = (MemorySegment) capi.getNextInstruction.invokeExact(i)) {
                visitor.visit(i, (int) capi.getInstructionOpcode.invokeExact(i));
            }
        }
    }

    private final LibLlvm capi;
    private final Map<Long, Boolean> floatingTypes = new HashMap<>();
    private final List<String> indirect = new ArrayList<>();
    private final List<String> intrinsics = new ArrayList<>();
    private boolean floating;
    private boolean asm;
    private boolean stack;

    FunctionCode(LibLlvm capi) {
        this.capi = capi;
    }

    /** Learns the facts of {@code function}'s code; one inspection per instance. */
    CodeFacts inspect(Module.Function function) throws Throwable {
        floating = hasFloatingPoint((MemorySegment) capi.globalGetValueType.invokeExact(function.handle()));
        forEachInstruction(capi, function, this::visit);
        return new CodeFacts(indirect, floating, asm, intrinsics, stack);
    }

    private void visit(MemorySegment i, int opcode) throws Throwable {
        floating |= hasFloatingPoint((MemorySegment) capi.typeOf.invokeExact(i)) || operandsFloating(i);
        switch (opcode) {
            case LibLlvm.OPCODE_ALLOCA -> stack = true;
            case LibLlvm.OPCODE_INDIRECT_BR -> indirect.add("an indirectbr");
            case LibLlvm.OPCODE_SWITCH -> indirect.add("a switch (a possible jump table)");
            case LibLlvm.OPCODE_CALL, LibLlvm.OPCODE_INVOKE, LibLlvm.OPCODE_CALL_BR -> {
                MemorySegment callee = (MemorySegment) capi.getCalledValue.invokeExact(i);
                if (!((MemorySegment) capi.isAInlineAsm.invokeExact(callee)).equals(MemorySegment.NULL)) {
                    asm = true;
                } else if (((MemorySegment) capi.isAFunction.invokeExact(callee)).equals(MemorySegment.NULL)) {
                    indirect.add("an indirect call");
                } else {
                    String name = Module.nameOf(capi, callee);
                    if (name.startsWith("llvm.x86.")) {
                        intrinsics.add(name);
                    }
                }
                if (opcode == LibLlvm.OPCODE_CALL_BR) {
                    indirect.add("a callbr (asm goto)");
                }
            }
            default -> {
            }
        }
    }

    private boolean operandsFloating(MemorySegment instruction) throws Throwable {
        int count = (int) capi.getNumOperands.invokeExact(instruction);
        for (int k = 0; k < count; k++) {
            MemorySegment operand = (MemorySegment) capi.getOperand.invokeExact(instruction, k);
            if (!operand.equals(MemorySegment.NULL)
                    && hasFloatingPoint((MemorySegment) capi.typeOf.invokeExact(operand))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the type is, or contains, a floating-point or vector type (types are uniqued: cached by address). */
    private boolean hasFloatingPoint(MemorySegment type) throws Throwable {
        Boolean known = floatingTypes.get(type.address());
        if (known != null) {
            return known;
        }
        floatingTypes.put(type.address(), false); // a recursive struct refers to itself
        int kind = (int) capi.getTypeKind.invokeExact(type);
        boolean result = (kind >= 1 && kind <= 6) || kind == 18 || kind == LibLlvm.TYPE_KIND_VECTOR
                || kind == LibLlvm.TYPE_KIND_SCALABLE_VECTOR || kind == LibLlvm.TYPE_KIND_X86_AMX;
        // Structs, arrays and function types are looked into; pointers are opaque and hold no type.
        if (!result && (kind == LibLlvm.TYPE_KIND_STRUCT || kind == LibLlvm.TYPE_KIND_ARRAY || kind == 9)) {
            int n = (int) capi.getNumContainedTypes.invokeExact(type);
            if (n > 0) {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment subtypes = arena.allocate(ValueLayout.ADDRESS, n);
                    capi.getSubtypes.invokeExact(type, subtypes);
                    for (int k = 0; k < n && !result; k++) {
                        result = hasFloatingPoint(subtypes.getAtIndex(ValueLayout.ADDRESS, k));
                    }
                }
            }
        }
        floatingTypes.put(type.address(), result);
        return result;
    }
}
