package dev.graft.process;

import java.time.Duration;

/** What a finished subprocess left behind. Output is decoded as UTF-8. */
public record CommandResult(Command command, int exitCode, String stdout, String stderr, Duration elapsed) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** stderr, or stdout when stderr is empty: what a person needs to see when the command failed. */
    public String diagnostics() {
        return stderr.isBlank() ? stdout : stderr;
    }
}
