package dev.graft.llvm;

import dev.graft.llvm.capi.LibLlvm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment length = arena.allocate(ValueLayout.JAVA_LONG);
            for (MemorySegment f = (MemorySegment) capi.getFirstFunction.invokeExact(live());
                 !f.equals(MemorySegment.NULL); f = (MemorySegment) capi.getNextFunction.invokeExact(f)) {
                MemorySegment name = (MemorySegment) capi.getValueName2.invokeExact(f, length);
                String text = new String(name.reinterpret(length.get(ValueLayout.JAVA_LONG, 0))
                        .toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
                functions.add(new Function(text, (int) capi.isDeclaration.invokeExact(f) != 0,
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

    /** The function's string attributes ({@code "key"="value"}; value "" for a bare key). */
    public Map<String, String> stringAttributes(Function function) throws LlvmException {
        LibLlvm capi = context.llvm.capi;
        Map<String, String> attributes = new LinkedHashMap<>();
        try (Arena arena = Arena.ofConfined()) {
            int count = (int) capi.getAttributeCountAtIndex.invokeExact(function.handle(), LibLlvm.FUNCTION_INDEX);
            MemorySegment all = arena.allocate(ValueLayout.ADDRESS, Math.max(count, 1));
            capi.getAttributesAtIndex.invokeExact(function.handle(), LibLlvm.FUNCTION_INDEX, all);
            MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
            for (int i = 0; i < count; i++) {
                MemorySegment attribute = all.getAtIndex(ValueLayout.ADDRESS, i);
                if ((int) capi.isStringAttribute.invokeExact(attribute) == 0) {
                    continue;
                }
                String key = sized((MemorySegment) capi.getStringAttributeKind.invokeExact(attribute, length), length);
                String value = sized((MemorySegment) capi.getStringAttributeValue.invokeExact(attribute, length),
                        length);
                attributes.put(key, value);
            }
            return attributes;
        } catch (Throwable t) {
            throw new LlvmException("cannot read attributes of " + function.name() + ": " + t);
        }
    }

    public void addStringAttribute(Function function, String key, String value) throws LlvmException {
        try (Arena arena = Arena.ofConfined()) {
            byte[] k = key.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            MemorySegment attribute = (MemorySegment) context.llvm.capi.createStringAttribute.invokeExact(
                    context.handle, arena.allocateFrom(key, StandardCharsets.UTF_8), k.length,
                    arena.allocateFrom(value, StandardCharsets.UTF_8), v.length);
            context.llvm.capi.addAttributeAtIndex.invokeExact(function.handle(), LibLlvm.FUNCTION_INDEX, attribute);
        } catch (Throwable t) {
            throw new LlvmException("cannot add " + key + " to " + function.name() + ": " + t);
        }
    }

    private static String sized(MemorySegment text, MemorySegment length) {
        int n = length.get(ValueLayout.JAVA_INT, 0);
        return n == 0 ? "" : new String(text.reinterpret(n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
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

    public void emitObject(TargetMachine machine, Path file) throws LlvmException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment error = arena.allocate(ValueLayout.ADDRESS);
            int failed = (int) context.llvm.capi.targetMachineEmitToFile.invokeExact(machine.handle, live(),
                    arena.allocateFrom(file.toString()), LibLlvm.OBJECT_FILE, error);
            if (failed != 0) {
                throw new LlvmException("cannot write " + file + ": "
                        + context.llvm.takeMessage(error.get(ValueLayout.ADDRESS, 0)));
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
