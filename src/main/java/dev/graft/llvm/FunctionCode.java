package dev.graft.llvm;

import dev.graft.llvm.capi.LibLlvm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Walks a function's instructions to learn the {@link CodeFacts} attribute reconciliation depends on. */
final class FunctionCode {

    /** What {@link #forEachInstruction} calls for each instruction, with its opcode. */
    interface InstructionVisitor {
        void visit(MemorySegment instruction, int opcode);
    }

    /** Calls {@code visitor} for every instruction of {@code function}, block by block, in order. */
    static void forEachInstruction(LibLlvm capi, MemorySegment function, InstructionVisitor visitor) {
        for (MemorySegment block = capi.getFirstBasicBlock(function); !block.equals(MemorySegment.NULL);
             block = capi.getNextBasicBlock(block)) {
            for (MemorySegment i = capi.getFirstInstruction(block); !i.equals(MemorySegment.NULL);
                 i = capi.getNextInstruction(i)) {
                visitor.visit(i, capi.getInstructionOpcode(i));
            }
        }
    }

    private final LibLlvm capi;
    private final Map<Long, Boolean> floatingTypes = new HashMap<>();
    private final List<String> indirect = new ArrayList<>();
    private final List<String> intrinsics = new ArrayList<>();
    private final List<String> generic = new ArrayList<>();
    private boolean floating;
    private boolean asm;
    private boolean stack;

    FunctionCode(LibLlvm capi) {
        this.capi = capi;
    }

    /** Learns the facts of {@code function}'s code; one inspection per instance. */
    CodeFacts inspect(MemorySegment function) {
        floating = hasFloatingPoint(capi.globalGetValueType(function));
        forEachInstruction(capi, function, this::visit);
        return new CodeFacts(indirect, floating, asm, intrinsics, stack, generic);
    }

    private void visit(MemorySegment i, int opcode) {
        floating |= hasFloatingPoint(capi.typeOf(i)) || operandsFloating(i);
        switch (opcode) {
            case LibLlvm.OPCODE_ALLOCA -> stack = true;
            case LibLlvm.OPCODE_INDIRECT_BR -> indirect.add("an indirectbr");
            case LibLlvm.OPCODE_SWITCH -> indirect.add("a switch (a possible jump table)");
            case LibLlvm.OPCODE_CALL, LibLlvm.OPCODE_INVOKE, LibLlvm.OPCODE_CALL_BR -> {
                MemorySegment callee = capi.getCalledValue(i);
                if (!capi.isAInlineAsm(callee).equals(MemorySegment.NULL)) {
                    asm |= !isCompilerBarrier(callee);
                } else if (capi.isAFunction(callee).equals(MemorySegment.NULL)) {
                    indirect.add("an indirect call");
                } else {
                    String name = Module.nameOf(capi, callee);
                    if (isTargetIntrinsic(name)) {
                        intrinsics.add(name);
                    } else if (name.startsWith("llvm.") && !generic.contains(name)) {
                        generic.add(name);
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

    /**
     * Whether the inline assembly is one with an empty template, such as {@code asm volatile("" ::: "memory")}:
     * the kernel's and libbpf's {@code barrier()}, which orders memory accesses for the compiler and emits no
     * instruction, so no target feature can change what it does.
     */
    private boolean isCompilerBarrier(MemorySegment inlineAsm) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment length = arena.allocate(ValueLayout.JAVA_LONG);
            MemorySegment template = capi.getInlineAsmAsmString(inlineAsm, length);
            long size = length.get(ValueLayout.JAVA_LONG, 0);
            return size == 0 || new String(template.reinterpret(size).toArray(ValueLayout.JAVA_BYTE),
                    StandardCharsets.UTF_8).isBlank();
        }
    }

    /**
     * LLVM's target-specific intrinsic families ({@code llvm.<target>.*}, Intrinsics*.td), which a target feature
     * may be needed to select; the generic ones ({@code llvm.memcpy}, {@code llvm.ctpop}) every target lowers.
     */
    private static final java.util.List<String> TARGET_INTRINSIC_PREFIXES = java.util.List.of("llvm.x86.",
            "llvm.aarch64.", "llvm.arm.", "llvm.riscv.", "llvm.ppc.", "llvm.mips.", "llvm.loongarch.", "llvm.s390.",
            "llvm.wasm.", "llvm.hexagon.", "llvm.nvvm.", "llvm.amdgcn.", "llvm.r600.", "llvm.bpf.", "llvm.ve.",
            "llvm.spv.", "llvm.dx.");

    static boolean isTargetIntrinsic(String name) {
        return TARGET_INTRINSIC_PREFIXES.stream().anyMatch(name::startsWith);
    }

    private boolean operandsFloating(MemorySegment instruction) {
        int count = capi.getNumOperands(instruction);
        for (int k = 0; k < count; k++) {
            MemorySegment operand = capi.getOperand(instruction, k);
            if (!operand.equals(MemorySegment.NULL) && hasFloatingPoint(capi.typeOf(operand))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the type is, or contains, a floating-point or vector type (types are uniqued: cached by address). */
    private boolean hasFloatingPoint(MemorySegment type) {
        Boolean known = floatingTypes.get(type.address());
        if (known != null) {
            return known;
        }
        floatingTypes.put(type.address(), false); // a recursive struct refers to itself
        int kind = capi.getTypeKind(type);
        boolean result = (kind >= 1 && kind <= 6) || kind == LibLlvm.TYPE_KIND_BFLOAT || kind == LibLlvm.TYPE_KIND_VECTOR
                || kind == LibLlvm.TYPE_KIND_SCALABLE_VECTOR || kind == LibLlvm.TYPE_KIND_X86_AMX;
        // Structs, arrays and function types are looked into; pointers are opaque and hold no type.
        if (!result && (kind == LibLlvm.TYPE_KIND_STRUCT || kind == LibLlvm.TYPE_KIND_ARRAY
                || kind == LibLlvm.TYPE_KIND_FUNCTION)) {
            int n = capi.getNumContainedTypes(type);
            if (n > 0) {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment subtypes = arena.allocate(ValueLayout.ADDRESS, n);
                    capi.getSubtypes(type, subtypes);
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
