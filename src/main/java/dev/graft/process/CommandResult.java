package dev.graft.process;

import java.nio.file.Path;
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

    /**
     * The first line of the diagnostics without the program's own name in front (LLVM tools write
     * {@code /usr/lib/llvm-22/bin/llvm-dis: error: ...}): the part worth one line of graft's message.
     */
    public String firstDiagnosticLine() {
        String line = diagnostics().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
                .orElse("(no message)");
        String program = command.argv().getFirst();
        for (String prefix : new String[]{program + ": ", Path.of(program).getFileName() + ": "}) {
            if (line.startsWith(prefix)) {
                line = line.substring(prefix.length());
                break;
            }
        }
        return line.startsWith("error: ") ? line.substring("error: ".length()) : line;
    }
}
