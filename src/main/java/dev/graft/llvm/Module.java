package dev.graft.llvm;

import dev.graft.llvm.capi.LibLlvm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An LLVMModule owned by Java until {@link #linkIn} consumes it (LLVMLinkModules2 destroys its source):
 * a consumed module's {@link #close()} does nothing and any other use throws. Closing an owned module
 * disposes it; it must be closed before its {@link Context}.
 */
public final class Module implements AutoCloseable {

    /** A function of the module, as graft needs to see it. Valid while its module is. */
    public record Function(String name, boolean declaration, int linkage, MemorySegment handle) {
    }

    private final Context context;
    private MemorySegment handle;
    private Attributes attributes;

    private Module(Context context, MemorySegment handle) {
        this.context = context;
        this.handle = handle;
    }

    /** Parses bitcode; the bytes are copied, so the caller keeps them. */
    public static Module parseBitcode(Context context, byte[] bitcode, String name) throws LlvmException {
        LibLlvm capi = context.llvm.capi;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(bitcode.length);
            MemorySegment.copy(bitcode, 0, data, ValueLayout.JAVA_BYTE, 0, bitcode.length);
            MemorySegment buffer = (MemorySegment) capi.createMemoryBufferWithMemoryRangeCopy.invokeExact(data,
                    (long) bitcode.length, arena.allocateFrom(name));
            try {
                MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
                int failed = (int) capi.parseBitcodeInContext2.invokeExact(context.handle, buffer, out);
                if (failed != 0) {
                    throw new LlvmException(name + ": " + context.errors("not valid bitcode"));
                }
                return new Module(context, out.get(ValueLayout.ADDRESS, 0));
            } finally {
                capi.disposeMemoryBuffer.invokeExact(buffer);
            }
        } catch (LlvmException e) {
            throw e;
        } catch (Throwable t) {
            throw new LlvmException("cannot parse " + name + ": " + t);
        }
    }

    private MemorySegment live() {
        if (handle == null) {
            throw new IllegalStateException("this module was consumed by linking it into another");
        }
        return handle;
    }

    /** The module's target triple ("" when it names none). */
    public String targetTriple() throws LlvmException {
        try {
            return Llvm.borrowString((MemorySegment) context.llvm.capi.getTarget.invokeExact(live()));
        } catch (Throwable t) {
            throw new LlvmException("cannot read the target triple: " + t);
        }
    }

    /** The module's data layout string ("" when it names none). */
    public String dataLayout() throws LlvmException {
        try {
            return Llvm.borrowString((MemorySegment) context.llvm.capi.getDataLayoutStr.invokeExact(live()));
        } catch (Throwable t) {
            throw new LlvmException("cannot read the data layout: " + t);
        }
    }

    /** The module as textual IR. */
    public String print() throws LlvmException {
        try {
            return context.llvm.takeMessage((MemorySegment) context.llvm.capi.printModuleToString.invokeExact(live()));
        } catch (Throwable t) {
            throw new LlvmException("cannot print a module: " + t);
        }
    }

    public List<Function> functions() throws LlvmException {
        LibLlvm capi = context.llvm.capi;
        List<Function> functions = new ArrayList<>();
        try {
            for (MemorySegment f = (MemorySegment) capi.getFirstFunction.invokeExact(live());
                 !f.equals(MemorySegment.NULL); f = (MemorySegment) capi.getNextFunction.invokeExact(f)) {
                functions.add(new Function(nameOf(capi, f), (int) capi.isDeclaration.invokeExact(f) != 0,
                        (int) capi.getLinkage.invokeExact(f), f));
            }
            return functions;
        } catch (Throwable t) {
            throw new LlvmException("cannot list functions: " + t);
        }
    }

    public void setLinkage(Function function, int linkage) throws LlvmException {
        try {
            context.llvm.capi.setLinkage.invokeExact(function.handle(), linkage);
        } catch (Throwable t) {
            throw new LlvmException("cannot set linkage of " + function.name() + ": " + t);
        }
    }

    /** The function called {@code name}, if the module has one. */
    public Optional<Function> function(String name) throws LlvmException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment f = (MemorySegment) context.llvm.capi.getNamedFunction.invokeExact(live(),
                    arena.allocateFrom(name, StandardCharsets.UTF_8));
            if (f.equals(MemorySegment.NULL)) {
                return Optional.empty();
            }
            return Optional.of(new Function(name, (int) context.llvm.capi.isDeclaration.invokeExact(f) != 0,
                    (int) context.llvm.capi.getLinkage.invokeExact(f), f));
        } catch (Throwable t) {
            throw new LlvmException("cannot look up " + name + ": " + t);
        }
    }

    /**
     * Reads and edits the attributes of this module's functions and call sites. One per module: it keeps
     * the table of LLVM's attribute kind numbers it looked up.
     */
    public Attributes attributes() {
        live();
        if (attributes == null) {
            attributes = new Attributes(context);
        }
        return attributes;
    }

    /** What the function's code does that a target feature could matter to. */
    public CodeFacts codeFacts(Function function) throws LlvmException {
        live();
        try {
            return new FunctionCode(context.llvm.capi).inspect(function);
        } catch (Throwable t) {
            throw new LlvmException("cannot inspect the code of " + function.name() + ": " + t);
        }
    }

    /** The name of a value (borrowed from LLVM, copied). */
    static String nameOf(LibLlvm capi, MemorySegment value) throws Throwable {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment length = arena.allocate(ValueLayout.JAVA_LONG);
            MemorySegment name = (MemorySegment) capi.getValueName2.invokeExact(value, length);
            return new String(name.reinterpret(length.get(ValueLayout.JAVA_LONG, 0)).toArray(ValueLayout.JAVA_BYTE),
                    StandardCharsets.UTF_8);
        }
    }

    /** Gives each defined function without an explicit section its own, as -ffunction-sections does. */
    public void useFunctionSections() throws LlvmException {
        try (Arena arena = Arena.ofConfined()) {
            for (Function f : functions()) {
                if (!f.declaration() && Llvm.borrowString((MemorySegment) context.llvm.capi.getSection
                        .invokeExact(f.handle())).isEmpty()) {
                    context.llvm.capi.setSection.invokeExact(f.handle(), arena.allocateFrom(".text." + f.name()));
                }
            }
        } catch (LlvmException e) {
            throw e;
        } catch (Throwable t) {
            throw new LlvmException("cannot set sections: " + t);
        }
    }

    /** Links {@code source} into this module. {@code source} is consumed whether or not linking succeeds. */
    public void linkIn(Module source) throws LlvmException {
        MemorySegment src = source.live();
        source.handle = null;
        try {
            int failed = (int) context.llvm.capi.linkModules2.invokeExact(live(), src);
            if (failed != 0) {
                throw new LlvmException(context.errors("the modules could not be linked"));
            }
        } catch (LlvmException e) {
            throw e;
        } catch (Throwable t) {
            throw new LlvmException("cannot link modules: " + t);
        }
    }

    /** Runs a new-pass-manager pipeline (for example {@code default<O2>}) with the target machine attached. */
    public void runPasses(String pipeline, TargetMachine machine) throws LlvmException {
        LibLlvm capi = context.llvm.capi;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment options = (MemorySegment) capi.createPassBuilderOptions.invokeExact();
            try {
                MemorySegment error = (MemorySegment) capi.runPasses.invokeExact(live(), arena.allocateFrom(pipeline),
                        machine.handle, options);
                if (!error.equals(MemorySegment.NULL)) {
                    MemorySegment message = (MemorySegment) capi.getErrorMessage.invokeExact(error);
                    String text = Llvm.borrowString(message);
                    capi.disposeErrorMessage.invokeExact(message);
                    throw new LlvmException("passes '" + pipeline + "' failed: " + text);
                }
            } finally {
                capi.disposePassBuilderOptions.invokeExact(options);
            }
        } catch (LlvmException e) {
            throw e;
        } catch (Throwable t) {
            throw new LlvmException("cannot run passes: " + t);
        }
    }

    /**
     * Generates the object file in memory. Not to a file: LLVM treats a failed write of its output stream
     * (a full disk) as a fatal error and exits the process; Java writes the bytes and reports the failure.
     */
    public byte[] emitObject(TargetMachine machine) throws LlvmException {
        LibLlvm capi = context.llvm.capi;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment error = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment buffer = arena.allocate(ValueLayout.ADDRESS);
            int failed = (int) capi.targetMachineEmitToMemoryBuffer.invokeExact(machine.handle, live(),
                    LibLlvm.OBJECT_FILE, error, buffer);
            if (failed != 0) {
                throw new LlvmException("cannot generate the object: "
                        + context.llvm.takeMessage(error.get(ValueLayout.ADDRESS, 0)));
            }
            MemorySegment object = buffer.get(ValueLayout.ADDRESS, 0);
            try {
                long size = (long) capi.getBufferSize.invokeExact(object);
                MemorySegment start = (MemorySegment) capi.getBufferStart.invokeExact(object);
                return start.reinterpret(size).toArray(ValueLayout.JAVA_BYTE);
            } finally {
                capi.disposeMemoryBuffer.invokeExact(object);
            }
        } catch (LlvmException e) {
            throw e;
        } catch (Throwable t) {
            throw new LlvmException("cannot emit the object: " + t);
        }
    }

    @Override
    public void close() {
        if (handle == null) {
            return;
        }
        try {
            context.llvm.capi.disposeModule.invokeExact(handle);
        } catch (Throwable t) {
            throw new IllegalStateException("LLVMDisposeModule failed", t);
        } finally {
            handle = null;
        }
    }
}
