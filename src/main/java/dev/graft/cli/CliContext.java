package dev.graft.cli;

import dev.graft.session.Session;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a command gets: the {@link Session} it runs in (streams, environment, working directory, and
 * everything else about where it runs), and the words after the first {@code --} (compiler flags that
 * graft passes on untouched and picocli must not parse).
 */
public record CliContext(Session session, List<String> passThrough) {

    public CliContext {
        passThrough = List.copyOf(passThrough);
    }

    public PrintWriter out() {
        return session.streams().out();
    }

    public PrintWriter err() {
        return session.streams().err();
    }

    public Map<String, String> environment() {
        return session.environment();
    }

    public Path workingDirectory() {
        return session.workingDirectory();
    }
}
