package dev.graft.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a command may touch of the outside world, injected so tests can run commands in-process:
 * output streams, environment, working directory, and the words after the first {@code --}
 * (compiler flags that graft passes on untouched and picocli must not parse).
 */
public record CliContext(PrintWriter out, PrintWriter err, Map<String, String> environment, Path workingDirectory,
                         List<String> passThrough) {

    public CliContext {
        environment = Map.copyOf(environment);
        passThrough = List.copyOf(passThrough);
    }
}
