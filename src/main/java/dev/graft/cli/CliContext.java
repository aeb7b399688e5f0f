package dev.graft.cli;

import dev.graft.process.Caller;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a command may touch of the outside world, injected so tests can run commands in-process:
 * output streams, environment, working directory, and the words after the first {@code --}
 * (compiler flags that graft passes on untouched and picocli must not parse), and in a graft server the
 * client the command runs for.
 */
public record CliContext(PrintWriter out, PrintWriter err, Map<String, String> environment, Path workingDirectory,
                         List<String> passThrough, Optional<ServerRequest> server) {

    public CliContext {
        environment = Map.copyOf(environment);
        passThrough = List.copyOf(passThrough);
    }

    /** A command run in graft's own process (no server): its subprocesses inherit this process's environment. */
    public CliContext(PrintWriter out, PrintWriter err, Map<String, String> environment, Path workingDirectory,
                      List<String> passThrough) {
        this(out, err, environment, workingDirectory, passThrough, Optional.empty());
    }

    public Optional<Caller> caller() {
        return server.map(ServerRequest::caller);
    }
}
