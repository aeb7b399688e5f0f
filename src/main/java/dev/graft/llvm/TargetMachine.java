package dev.graft.llvm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** An LLVMTargetMachine; closing disposes it. Passes run and objects are emitted with one. */
public final class TargetMachine implements AutoCloseable {

    /** LLVMRelocMode values. */
    public enum Relocation { DEFAULT, STATIC, PIC, DYNAMIC_NO_PIC }

    /** LLVMCodeModel values (JIT_DEFAULT is not used by graft). */
    public enum CodeModel { DEFAULT, JIT_DEFAULT, TINY, SMALL, KERNEL, MEDIUM, LARGE }

    final Llvm llvm;
    final MemorySegment handle;

    private TargetMachine(Llvm llvm, MemorySegment handle) {
        this.llvm = llvm;
        this.handle = handle;
    }

    /** @param optLevel 0 to 3, as LLVMCodeGenOptLevel */
    public static TargetMachine create(Llvm llvm, String triple, String cpu, String features, Relocation relocation,
                                       CodeModel codeModel, int optLevel) throws LlvmException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment target = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment error = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment tripleString = arena.allocateFrom(triple);
            int failed = (int) llvm.capi.getTargetFromTriple.invokeExact(tripleString, target, error);
            if (failed != 0) {
                throw new LlvmException("no LLVM target for " + triple + ": "
                        + llvm.takeMessage(error.get(ValueLayout.ADDRESS, 0)));
            }
            MemorySegment machine = (MemorySegment) llvm.capi.createTargetMachine.invokeExact(
                    target.get(ValueLayout.ADDRESS, 0), tripleString, arena.allocateFrom(cpu),
                    arena.allocateFrom(features), optLevel, relocation.ordinal(), codeModel.ordinal());
            if (machine.equals(MemorySegment.NULL)) {
                throw new LlvmException("LLVM could not create a target machine for " + triple + " " + cpu);
            }
            return new TargetMachine(llvm, machine);
        } catch (LlvmException e) {
            throw e;
        } catch (Throwable t) {
            throw new LlvmException("cannot create a target machine: " + t);
        }
    }

    @Override
    public void close() {
        try {
            llvm.capi.disposeTargetMachine.invokeExact(handle);
        } catch (Throwable t) {
            throw new IllegalStateException("LLVMDisposeTargetMachine failed", t);
        }
    }
}
