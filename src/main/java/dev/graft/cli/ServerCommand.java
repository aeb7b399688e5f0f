package dev.graft.cli;

import dev.graft.GraftException;
import dev.graft.server.GraftServer;
import dev.graft.server.ServerControl;
import dev.graft.server.SocketLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code graft server status|stop}, and {@code graft server run}, which the native client starts on
 * demand (no one needs to type it).
 */
@Command(name = "server", description = {"Show or stop the warm graft server that ./graft starts on demand.",
        "ACTION is status, stop, or run (what the client starts). GRAFT_SERVER=off runs commands without the "
                + "server."})
final class ServerCommand implements Callable<Integer> {

    /** Ten minutes: a build's crates keep it warm; an idle machine gets its memory back. */
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(10);

    @Parameters(paramLabel = "ACTION", description = "status, stop or run.")
    String action;

    @Option(names = "--socket", paramLabel = "PATH",
            description = "The server's socket. Default: GRAFT_SOCKET, which the launcher sets: one per user and "
                    + "checkout, in graft-UID under the first writable of XDG_RUNTIME_DIR, TMPDIR, /tmp.")
    Path socket;

    @Option(names = "--identity", paramLabel = "ID", description = "run: the graft build and JDK this server is.")
    String identity = "unknown";

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
            description = "run: stop after this long without a request (default: GRAFT_SERVER_IDLE, else 600).")
    Long idleSeconds;

    @Override
    public Integer call() throws GraftException {
        CliContext context = CliContext.current();
        Path where = socket != null ? context.workingDirectory().resolve(socket)
                : SocketLocation.socket(context.environment());
        return switch (action) {
            case "status" -> ServerControl.status(where, context.out());
            case "stop" -> ServerControl.stop(where, context.out());
            case "run" -> {
                if (context.session().buildHost().isPresent()) {
                    throw GraftException.badInput("a graft server does not start another one");
                }
                PrintWriter log = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
                // A build's first request is 'graft rustc', whose command line a fresh JVM takes some 10 ms to
                // build: built beside the server's start (socket, log), it is ready for that request.
                Thread.ofPlatform().daemon().name("graft-server-first-command-line")
                        .start(() -> GraftCommand.lend(List.of("rustc")).close());
                new GraftServer(where, identity, idle(), log, Main::run).serve();
                yield 0;
            }
            default -> throw GraftException.badInput("unknown server action '" + action + "' (status, stop or run)");
        };
    }

    private Duration idle() throws GraftException {
        CliContext context = CliContext.current();
        if (idleSeconds != null) {
            return Duration.ofSeconds(idleSeconds);
        }
        String value = context.environment().getOrDefault("GRAFT_SERVER_IDLE", "");
        try {
            return value.isBlank() ? DEFAULT_IDLE : Duration.ofSeconds(Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            throw GraftException.badInput("GRAFT_SERVER_IDLE must be a number of seconds, not '" + value + "'");
        }
    }
}
