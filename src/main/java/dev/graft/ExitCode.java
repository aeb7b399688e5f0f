package dev.graft;

/** The process exit statuses graft documents; mapped to {@code System.exit} in exactly one place. */
public enum ExitCode {
    OK(0),
    /** A wrapped tool (rustc, clang, llvm-link) failed; its output was shown. */
    TOOL_FAILED(1),
    /** Bad usage or bad input: a one-line reason was printed. */
    BAD_INPUT(2),
    /** A toolchain component is missing or incompatible: the message says what to install. */
    TOOLCHAIN(3),
    /**
     * libLLVM stopped with a fatal error inside graft (a bug in LLVM, or input it cannot compile, such as an
     * intrinsic the target cannot select): one line named the step and LLVM's message; temporary files were
     * removed and no output was written.
     */
    LLVM_FATAL(4),
    /**
     * The command was cancelled (SIGINT, SIGTERM or SIGHUP, to graft or to its server client): its
     * subprocesses were stopped, its temporary files removed, and no output was written after the cancel.
     * The process then ends by the signal itself, as a shell reports it (130 for Ctrl-C).
     */
    CANCELLED(130);

    private final int status;

    ExitCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
