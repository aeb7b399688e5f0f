package dev.graft;

import java.util.Optional;

/**
 * A failure meant for a person: a one-line message, the exit code it maps to, and optionally the
 * output of the tool that failed (shown below the message, never instead of it).
 */
public final class GraftException extends Exception {

    private final ExitCode exitCode;
    private final String toolOutput;
    private final int status;

    private GraftException(ExitCode exitCode, String message, String toolOutput, Throwable cause) {
        this(exitCode, exitCode.status(), message, toolOutput, cause);
    }

    private GraftException(ExitCode exitCode, int status, String message, String toolOutput, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.status = status;
        this.toolOutput = toolOutput;
    }

    /**
     * The wrapped compiler (rustc) failed: graft exits with that compiler's own status, so a build
     * system sees exactly what it would have seen without graft. Its output was already passed on.
     */
    public static GraftException wrappedToolExit(String message, int status) {
        return new GraftException(ExitCode.TOOL_FAILED, status, message, null, null);
    }

    public static GraftException badInput(String message) {
        return new GraftException(ExitCode.BAD_INPUT, message, null, null);
    }

    public static GraftException badInput(String message, Throwable cause) {
        return new GraftException(ExitCode.BAD_INPUT, message, null, cause);
    }

    public static GraftException toolchain(String message) {
        return new GraftException(ExitCode.TOOLCHAIN, message, null, null);
    }

    public static GraftException toolFailed(String message, String toolOutput) {
        return new GraftException(ExitCode.TOOL_FAILED, message, toolOutput, null);
    }

    /**
     * LLVM, in this process, failed at a step that input graft already checked should pass (optimising,
     * generating code): reported like a failed tool, with LLVM's exception kept as the cause for --verbose.
     */
    public static GraftException llvmFailed(String message, Throwable cause) {
        return new GraftException(ExitCode.TOOL_FAILED, message, null, cause);
    }

    /** An I/O failure on a path graft was asked to read or write: bad input from the user's point of view. */
    public static GraftException io(String what, java.io.IOException cause) {
        return new GraftException(ExitCode.BAD_INPUT, what + ": " + reason(cause), null, cause);
    }

    /**
     * What went wrong, in the system's words: not Java's message, which for a file system error is the path
     * again ({@code NoSuchFileException: /a/b}), and for text that is not UTF-8 a decoder's ("Input length = 1").
     */
    static String reason(java.io.IOException cause) {
        return switch (cause) {
            case java.nio.file.NoSuchFileException e -> "no such file or directory";
            case java.nio.file.AccessDeniedException e -> "permission denied";
            case java.nio.file.NotDirectoryException e -> "not a directory";
            case java.nio.file.FileAlreadyExistsException e -> "file exists";
            case java.nio.file.DirectoryNotEmptyException e -> "directory not empty";
            case java.nio.file.FileSystemException e when e.getReason() != null -> e.getReason();
            case java.nio.charset.CharacterCodingException e -> "not UTF-8 text";
            default -> cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        };
    }

    /** The command was cancelled: what was under way stops at this step, and nothing more is written. */
    public static GraftException cancelled() {
        return new GraftException(ExitCode.CANCELLED, "cancelled", null, null);
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** The process exit status: the documented one, or the wrapped compiler's own. */
    public int status() {
        return status;
    }

    public Optional<String> toolOutput() {
        return Optional.ofNullable(toolOutput);
    }
}
