package dev.graft.llvm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** An LLVMTargetMachine; closing disposes it (once). Passes run and objects are emitted with one. */
public final class TargetMachine implements AutoCloseable {

    /** LLVMRelocMode, each with its C value (llvm-c/TargetMachine.h). */
    public enum Relocation {
        DEFAULT(0), STATIC(1), PIC(2), DYNAMIC_NO_PIC(3);

        final int code;

        Relocation(int code) {
            this.code = code;
        }
    }

    /** LLVMCodeModel, each with its C value and rustc's spelling ({@code -Ccode-model=}). */
    public enum CodeModel {
        DEFAULT(0, "default"), TINY(2, "tiny"), SMALL(3, "small"), KERNEL(4, "kernel"), MEDIUM(5, "medium"),
        LARGE(6, "large");

        final int code;
        private final String spelling;

        CodeModel(int code, String spelling) {
            this.code = code;
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }

    /** LLVMCodeGenOptLevel, each with its C value. */
    public enum OptLevel {
        NONE(0), LESS(1), DEFAULT(2), AGGRESSIVE(3);

        final int code;

        OptLevel(int code) {
            this.code = code;
        }
    }

    final Llvm llvm;
    final MemorySegment handle;
    private boolean closed;

    private TargetMachine(Llvm llvm, MemorySegment handle) {
        this.llvm = llvm;
        this.handle = handle;
    }

    public static TargetMachine create(Llvm llvm, String triple, String cpu, String features, Relocation relocation,
                                       CodeModel codeModel, OptLevel optLevel) throws LlvmException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment target = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment error = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment tripleString = arena.allocateFrom(triple);
            if (llvm.capi.getTargetFromTriple(tripleString, target, error)) {
                throw new LlvmException("no LLVM target for " + triple + ": "
                        + llvm.takeMessage(error.get(ValueLayout.ADDRESS, 0)));
            }
            MemorySegment machine = llvm.capi.createTargetMachine(target.get(ValueLayout.ADDRESS, 0), tripleString,
                    arena.allocateFrom(cpu), arena.allocateFrom(features), optLevel.code, relocation.code,
                    codeModel.code);
            if (machine.equals(MemorySegment.NULL)) {
                throw new LlvmException("LLVM could not create a target machine for " + triple + " " + cpu);
            }
            return new TargetMachine(llvm, machine);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            llvm.capi.disposeTargetMachine(handle);
        }
    }
}
