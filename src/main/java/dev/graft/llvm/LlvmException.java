package dev.graft.llvm;

/** LLVM reported an error; the message is LLVM's own. */
public final class LlvmException extends Exception {

    public LlvmException(String message) {
        super(message);
    }

    public LlvmException(String message, Throwable cause) {
        super(message, cause);
    }
}
