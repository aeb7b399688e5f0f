package dev.graft.llvm.capi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The LLVM C API as graft calls it, over one loaded libLLVM. The functions themselves, one typed method
 * each, are generated from {@code src/main/capi/llvm-c.functions} into {@link LibLlvmFunctions}; this class
 * adds what is not one C function with a fixed signature: the C enum values graft reads, the target
 * initialisers (static inline in the headers), the version check that runs before anything is bound, and
 * upcall stubs. Ownership and lifetimes are the business of the typed wrappers in {@code dev.graft.llvm},
 * whose javadoc says who disposes what. The library stays loaded for the life of the process (global
 * arena): LLVM keeps global state.
 */
public final class LibLlvm extends LibLlvmFunctions {

    // LLVMDiagnosticSeverity
    public static final int DS_ERROR = 0;
    public static final int DS_REMARK = 2;
    // LLVMCodeGenFileType
    public static final int OBJECT_FILE = 1;
    // LLVMAttributeFunctionIndex
    public static final int FUNCTION_INDEX = -1;
    // LLVMOpcode
    public static final int OPCODE_SWITCH = 3;
    public static final int OPCODE_INDIRECT_BR = 4;
    public static final int OPCODE_CALL = 45;
    public static final int OPCODE_CALL_BR = 67;
    public static final int OPCODE_INVOKE = 5;
    public static final int OPCODE_ALLOCA = 26;
    // LLVMTypeKind: the floating-point kinds are 1..6 and 18 (bfloat); vectors 13 and 17
    public static final int TYPE_KIND_FUNCTION = 9;
    public static final int TYPE_KIND_STRUCT = 10;
    public static final int TYPE_KIND_ARRAY = 11;
    public static final int TYPE_KIND_VECTOR = 13;
    public static final int TYPE_KIND_SCALABLE_VECTOR = 17;
    public static final int TYPE_KIND_BFLOAT = 18;
    public static final int TYPE_KIND_X86_AMX = 19;
    // LLVMVisibility
    public static final int VISIBILITY_HIDDEN = 1;
    // LLVMUnnamedAddr
    public static final int UNNAMED_ADDR_NONE = 0;
    // LLVMVerifierFailureAction
    public static final int VERIFY_RETURN_STATUS = 2;

    /**
     * Every target LLVM can be built with, as its LLVMInitialize* functions name it. A libLLVM exports
     * the initializers of the targets it was built with; LLVMInitializeAllTargets and friends are
     * static inline in the headers, so a binding has to name them itself.
     */
    private static final List<String> TARGETS = List.of("AArch64", "AMDGPU", "ARC", "ARM", "AVR", "BPF", "CSKY",
            "DirectX", "Hexagon", "Lanai", "LoongArch", "M68k", "MSP430", "Mips", "NVPTX", "PowerPC", "RISCV",
            "SPIRV", "Sparc", "SystemZ", "VE", "WebAssembly", "X86", "XCore", "Xtensa");

    /**
     * The parts of a target that code generation of real input reaches: the target itself and its
     * machine-code layer, the asm printer that writes objects, the asm parser that inline assembly
     * ({@code asm()} in C, {@code asm!}/{@code global_asm!}/naked functions in Rust) is parsed with when
     * an object is emitted (without it LLVM stops the process: "Inline asm not supported by this
     * streamer"), and the disassembler some passes and MC layers consult.
     */
    private static final List<String> TARGET_PARTS = List.of("TargetInfo", "Target", "TargetMC", "AsmPrinter",
            "AsmParser", "Disassembler");

    private final Linker linker = Linker.nativeLinker();
    private final SymbolLookup lookup;

    public LibLlvm(Path library) {
        this(SymbolLookup.libraryLookup(library, Arena.global()));
    }

    private LibLlvm(SymbolLookup lookup) {
        super(lookup);
        this.lookup = lookup;
    }

    /** Initialises every part of every target this libLLVM has; returns the targets' names. */
    public List<String> initializeAllTargets() {
        List<String> present = new ArrayList<>();
        for (String target : TARGETS) {
            if (lookup.find("LLVMInitialize" + target + "TargetInfo").isEmpty()) {
                continue;
            }
            present.add(target);
            for (String part : TARGET_PARTS) {
                Optional<MemorySegment> initializer = lookup.find("LLVMInitialize" + target + part);
                if (initializer.isPresent()) {
                    try {
                        linker.downcallHandle(initializer.get(), FunctionDescriptor.ofVoid()).invokeExact();
                    } catch (Throwable t) {
                        throw NativeCallException.of("LLVMInitialize" + target + part, t);
                    }
                }
            }
        }
        return present;
    }

    /** Whether this libLLVM has the C function {@code name} (one added after the oldest LLVM graft supports). */
    public boolean has(String name) {
        return lookup.find(name).isPresent();
    }

    /**
     * The version of the libLLVM at {@code library} (LLVMGetVersion: major, minor, patch), read before any
     * other function is bound, so another version is refused by number, not by whichever symbol it lacks.
     */
    public static int[] version(Path library) {
        SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
        MemorySegment symbol = lookup.find("LLVMGetVersion").orElseThrow(() -> new IllegalStateException(
                library + " has no LLVMGetVersion (not libLLVM, or older than LLVM 16)"));
        MethodHandle getVersion = Linker.nativeLinker().downcallHandle(symbol,
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment parts = arena.allocate(JAVA_INT, 3);
            getVersion.invokeExact(parts, parts.asSlice(4), parts.asSlice(8));
            return new int[]{parts.getAtIndex(JAVA_INT, 0), parts.getAtIndex(JAVA_INT, 1), parts.getAtIndex(JAVA_INT, 2)};
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetVersion", t);
        }
    }

    /**
     * An upcall stub, in the global arena (as long-lived as libLLVM), for the static {@code method} of the
     * class {@code lookup} belongs to, which LLVM will call: it must never throw back into LLVM.
     */
    public MemorySegment upcallStub(MethodHandles.Lookup lookup, String method, MethodType type,
                                    FunctionDescriptor descriptor) throws ReflectiveOperationException {
        MethodHandle target = lookup.findStatic(lookup.lookupClass(), method, type);
        return linker.upcallStub(target, descriptor, Arena.global());
    }
}
