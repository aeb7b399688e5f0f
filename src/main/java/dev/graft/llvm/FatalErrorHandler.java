package dev.graft.llvm;

import dev.graft.llvm.capi.LibLlvm;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * LLVM's fatal-error handler, installed once per process when libLLVM is loaded. Without it LLVM prints
 * {@code LLVM ERROR: ...} and exits (or aborts, exit 134) with no word from graft and its temporary
 * files left behind. With it, LLVM calls {@link #onFatalError} on the thread that made the failing call;
 * the reaction the command line registered ({@link Llvm#onFatalError}) says so in one line, cleans up and
 * ends the process itself with graft's documented status. LLVM exits the process if the reaction
 * returns, so a reaction must not return.
 */
final class FatalErrorHandler {

    /** Until the command line registers its own: at least the one line, before LLVM exits with status 1. */
    private static volatile Consumer<FatalError> reaction = fatal -> {
        System.err.println("graft: " + fatal.describe());
        System.err.flush();
    };

    private FatalErrorHandler() {
    }

    static void install(LibLlvm capi) throws ReflectiveOperationException {
        capi.installFatalErrorHandler(capi.upcallStub(MethodHandles.lookup(), "onFatalError",
                MethodType.methodType(void.class, MemorySegment.class), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS)));
    }

    static void react(Consumer<FatalError> newReaction) {
        reaction = newReaction;
    }

    /** Called by LLVM. Nothing may be thrown back into it: an exception out of an upcall kills the JVM. */
    private static void onFatalError(MemorySegment reason) {
        try {
            String text = reason.equals(MemorySegment.NULL) ? "(no message)"
                    : reason.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
            reaction.accept(new FatalError(NativeStep.current(), String.join(" ", text.strip().split("\\s*\n\\s*"))));
        } catch (Throwable t) {
            System.err.println("graft: LLVM stopped with a fatal error (" + t + ")");
        }
    }
}
