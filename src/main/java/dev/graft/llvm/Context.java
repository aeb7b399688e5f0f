package dev.graft.llvm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An LLVMContext with graft's diagnostic handler installed before anything is parsed, so no error
 * reaches LLVM's default handling (which can exit the process). The handler only records; wrappers
 * throw after the native call returns. Closing disposes the context; modules of this context must be
 * closed first.
 */
public final class Context implements AutoCloseable {

    private static final Map<Long, Context> BY_ID = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong(1);
    private static MemorySegment handlerStub;

    final Llvm llvm;
    final MemorySegment handle;
    private final long id = IDS.getAndIncrement();
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private boolean closed;

    Context(Llvm llvm) throws LlvmException {
        this.llvm = llvm;
        MemorySegment stub;
        try {
            stub = stub(llvm);
        } catch (ReflectiveOperationException e) {
            throw new LlvmException("cannot create graft's diagnostic handler", e);
        }
        handle = llvm.capi.contextCreate();
        BY_ID.put(id, this);
        llvm.capi.contextSetDiagnosticHandler(handle, stub, MemorySegment.ofAddress(id));
    }

    private static synchronized MemorySegment stub(Llvm llvm) throws ReflectiveOperationException {
        if (handlerStub == null) {
            handlerStub = llvm.capi.upcallStub(MethodHandles.lookup(), "onDiagnostic",
                    MethodType.methodType(void.class, MemorySegment.class, MemorySegment.class),
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
        }
        return handlerStub;
    }

    /** Called by LLVM. Must never throw: an exception out of an upcall would crash the JVM. */
    private static void onDiagnostic(MemorySegment info, MemorySegment userData) {
        try {
            Context context = BY_ID.get(userData.address());
            if (context == null) {
                return;
            }
            int severity = context.llvm.capi.getDiagInfoSeverity(info);
            String message = context.llvm.takeMessage(context.llvm.capi.getDiagInfoDescription(info));
            synchronized (context.diagnostics) {
                context.diagnostics.add(new Diagnostic(Diagnostic.Severity.values()[Math.min(severity, 3)], message));
            }
        } catch (Throwable ignored) {
            // Nothing may escape into LLVM; a lost diagnostic is better than a crashed JVM.
        }
    }

    /** Diagnostics recorded since the last call, removed from the context. */
    public List<Diagnostic> drainDiagnostics() {
        synchronized (diagnostics) {
            List<Diagnostic> copy = List.copyOf(diagnostics);
            diagnostics.clear();
            return copy;
        }
    }

    /** The error messages among the recorded diagnostics, one per line, for an exception. */
    String errors(String fallback) {
        List<String> errors = drainDiagnostics().stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR)
                .map(Diagnostic::message).toList();
        return errors.isEmpty() ? fallback : String.join("; ", errors);
    }

    /** Disposes the context once; closing it again does nothing. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        BY_ID.remove(id);
        llvm.capi.contextDispose(handle);
    }
}
