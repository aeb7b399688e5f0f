package dev.graft.process;

import java.util.Optional;

/**
 * A subprocess could not be started, ran past its deadline, or exited non-zero. Carries the
 * command and, where the process ran to completion, its result.
 */
public final class CommandException extends Exception {

    public enum Kind { COULD_NOT_START, TIMED_OUT, INTERRUPTED, FAILED }

    private final Kind kind;
    private final Command command;
    private final transient Optional<CommandResult> result;

    CommandException(Kind kind, Command command, Optional<CommandResult> result, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.command = command;
        this.result = result;
    }

    static CommandException failed(CommandResult result) {
        String program = result.command().argv().getFirst();
        return new CommandException(Kind.FAILED, result.command(), Optional.of(result),
                program + " exited with status " + result.exitCode(), null);
    }

    public Kind kind() {
        return kind;
    }

    public Command command() {
        return command;
    }

    public Optional<CommandResult> result() {
        return result;
    }
}
