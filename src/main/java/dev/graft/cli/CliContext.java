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
 *
 * <p>A command object reads it as {@link #current}, never holds it: picocli's model of the commands is
 * built once per JVM and serves one command after another (see {@link GraftCommand#lend}).
 */
public record CliContext(Session session, List<String> passThrough) {

    private static final ScopedValue<CliContext> CURRENT = ScopedValue.newInstance();

    public CliContext {
        passThrough = List.copyOf(passThrough);
    }

    /** The context of the command this thread runs ({@link #run}). */
    static CliContext current() {
        return CURRENT.get();
    }

    /** Runs {@code body} on this thread as the command of this context. */
    <T, X extends Throwable> T run(ScopedValue.CallableOp<T, X> body) throws X {
        return ScopedValue.where(CURRENT, this).call(body);
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
