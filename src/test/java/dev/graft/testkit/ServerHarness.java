package dev.graft.testkit;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The native client, built from client/graft-client.c by scripts/build-client as the launcher does,
 * talking to real graft servers (JVMs on the test classpath) on a socket of the test's own.
 */
public final class ServerHarness implements AutoCloseable {

    private static Path client;

    public final Path socket;
    public final Path scratch;
    private final List<String> serverArgv;

    /** {@code scratch} becomes the servers' java.io.tmpdir, so a test can see the scratch directories they leave. */
    public ServerHarness(Path directory) throws IOException {
        this.socket = directory.resolve("sock").resolve("graft.sock");
        this.scratch = Files.createDirectories(directory.resolve("server-tmp"));
        this.serverArgv = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Djava.io.tmpdir=" + scratch, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.graft.cli.Main", "server", "run");
    }

    public static synchronized Path client() {
        if (client == null) {
            Path out = Fixtures.PROJECT.resolve("target/test-client/graft-client");
            CommandResult built = run(Command.of(Fixtures.PROJECT.resolve("scripts/build-client"), out.toString()));
            if (!built.succeeded()) {
                throw new IllegalStateException("scripts/build-client failed:\n" + built.stderr());
            }
            client = out;
        }
        return client;
    }

    /** The client's command line for {@code args}, for a server of {@code identity}. */
    public List<String> clientArgv(String identity, List<String> args) {
        List<String> argv = new ArrayList<>(List.of(client().toString(), socket.toString(), identity,
                Integer.toString(serverArgv.size())));
        argv.addAll(serverArgv);
        argv.addAll(args);
        return argv;
    }

    public CommandResult graft(Path workingDirectory, Map<String, String> environment, String... args) {
        return run(new Command(clientArgv("test", List.of(args)), Optional.of(workingDirectory),
                environment, Duration.ofMinutes(5)));
    }

    public Process start(Path workingDirectory, Map<String, String> environment, String identity, String... args)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(clientArgv(identity, List.of(args)))
                .directory(workingDirectory.toFile());
        builder.environment().putAll(environment);
        return builder.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.PIPE)
                .start();
    }

    /** What {@code graft server status} prints for this socket. */
    public String status() {
        return GraftRun.run(socket.getParent(), "server", "status", "--socket", socket.toString()).out();
    }

    /** The pid of the server answering now, from its status. */
    public long serverPid() {
        String status = status();
        java.util.regex.Matcher pid = java.util.regex.Pattern.compile("pid (\\d+)").matcher(status);
        if (!pid.find()) {
            throw new IllegalStateException("no server answers: " + status);
        }
        return Long.parseLong(pid.group(1));
    }

    public String log() throws IOException {
        Path log = socket.resolveSibling(socket.getFileName() + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    public static Map<String, String> environment(Path directory, String... extra) {
        Map<String, String> env = new HashMap<>(Map.of("GRAFT_CACHE_DIR", directory.resolve("cache").toString()));
        for (int i = 0; i + 1 < extra.length; i += 2) {
            env.put(extra[i], extra[i + 1]);
        }
        return env;
    }

    public static boolean waitUntil(Duration limit, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    private static CommandResult run(Command command) {
        try {
            return ProcessRunner.quiet().run(command);
        } catch (dev.graft.process.CommandException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops whatever server this test started, politely, then for sure. */
    @Override
    public void close() {
        Optional<ProcessHandle> server = Optional.empty();
        try {
            server = ProcessHandle.of(serverPid());
        } catch (IllegalStateException e) {
            // None answers.
        }
        GraftRun.run(socket.getParent(), "server", "stop", "--socket", socket.toString());
        server.ifPresent(p -> {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
