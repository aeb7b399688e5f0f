package dev.graft.process;

/**
 * A subprocess could not be started, ran past its deadline, was interrupted, or its output could not be
 * read: it has no result. A command that ran and exited non-zero is not an exception but a
 * {@link CommandResult} whose caller decides.
 */
public final class CommandException extends Exception {

    public enum Kind { COULD_NOT_START, TIMED_OUT, INTERRUPTED, UNREADABLE_OUTPUT }

    private final Kind kind;
    private final Command command;

    CommandException(Kind kind, Command command, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.command = command;
    }

    public Kind kind() {
        return kind;
    }

    public Command command() {
        return command;
    }
}
