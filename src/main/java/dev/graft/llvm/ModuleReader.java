package dev.graft.llvm;

import dev.graft.ir.CallSite;
import dev.graft.ir.FunctionDeclaration;
import dev.graft.ir.FunctionSignature;
import dev.graft.ir.ModuleFacts;
import dev.graft.llvm.capi.LibLlvm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a module's {@link ModuleFacts}; one reading per instance (it caches type spellings). */
final class ModuleReader {

    private final Llvm llvm;
    private final LibLlvm capi;
    private final Map<Long, String> typeNames = new HashMap<>();

    ModuleReader(Llvm llvm) {
        this.llvm = llvm;
        this.capi = llvm.capi;
    }

    ModuleFacts read(List<Module.Function> functions) {
        List<ModuleFacts.Definition> definitions = new ArrayList<>();
        List<FunctionDeclaration> declarations = new ArrayList<>();
        List<CallSite> callSites = new ArrayList<>();
        for (Module.Function f : functions) {
            FunctionSignature signature = signature(f);
            if (f.declaration()) {
                declarations.add(new FunctionDeclaration(f.name(), signature));
                callSites.addAll(callsOf(f));
            } else {
                definitions.add(new ModuleFacts.Definition(f.name(), f.linkage(), signature));
            }
        }
        // In the order of the callers' names: a use list has no order of its own worth keeping.
        callSites.sort(java.util.Comparator.comparing(CallSite::caller).thenComparing(CallSite::callee));
        return new ModuleFacts(definitions, declarations, callSites);
    }

    /**
     * The direct calls of a declared function, found through its uses: what the module calls outside itself
     * costs a walk over those calls, not over every instruction of the module (a 10,000-line crate making
     * 20 helper calls has 20 uses to look at).
     */
    private List<CallSite> callsOf(Module.Function declared) {
        List<CallSite> calls = new ArrayList<>();
        for (MemorySegment use = capi.getFirstUse(declared.handle()); !use.equals(MemorySegment.NULL);
             use = capi.getNextUse(use)) {
            MemorySegment user = capi.getUser(use);
            if (capi.isAInstruction(user).equals(MemorySegment.NULL)) {
                continue; // a constant that takes the function's address
            }
            int opcode = capi.getInstructionOpcode(user);
            if ((opcode == LibLlvm.OPCODE_CALL || opcode == LibLlvm.OPCODE_INVOKE || opcode == LibLlvm.OPCODE_CALL_BR)
                    && capi.getCalledValue(user).equals(declared.handle())) {
                MemorySegment caller = capi.getBasicBlockParent(capi.getInstructionParent(user));
                calls.add(new CallSite(Module.nameOf(capi, caller), declared.name()));
            }
        }
        return calls;
    }

    /** The function's type as IR spells it ({@code i32 (ptr, i64, ...)}), attributes left out. */
    private FunctionSignature signature(Module.Function f) {
        MemorySegment type = capi.globalGetValueType(f.handle());
        int count = capi.countParamTypes(type);
        List<String> parameters = new ArrayList<>(count);
        if (count > 0) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment types = arena.allocate(ValueLayout.ADDRESS, count);
                capi.getParamTypes(type, types);
                for (int i = 0; i < count; i++) {
                    parameters.add(typeName(types.getAtIndex(ValueLayout.ADDRESS, i)));
                }
            }
        }
        return new FunctionSignature(typeName(capi.getReturnType(type)), parameters, capi.isFunctionVarArg(type));
    }

    /** Types are uniqued per context, so one spelling per address. */
    private String typeName(MemorySegment type) {
        String known = typeNames.get(type.address());
        if (known == null) {
            known = llvm.takeMessage(capi.printTypeToString(type));
            typeNames.put(type.address(), known);
        }
        return known;
    }
}
