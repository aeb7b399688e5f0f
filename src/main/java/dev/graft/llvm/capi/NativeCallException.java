package dev.graft.llvm.capi;

/**
 * A call into libLLVM failed in a way the C API has no error value for (the downcall itself could not be
 * made, or an upcall threw): a bug in graft's binding, not the user's input. Keeps its cause, so
 * {@code --verbose} shows where it came from.
 */
public final class NativeCallException extends RuntimeException {

    private NativeCallException(String message, Throwable cause) {
        super(message, cause);
    }

    static NativeCallException of(String function, Throwable cause) {
        if (cause instanceof NativeCallException already) {
            return already;
        }
        return new NativeCallException("the call to " + function + " failed: " + cause, cause);
    }
}
