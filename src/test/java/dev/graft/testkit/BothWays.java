package dev.graft.testkit;

import dev.graft.process.Command;
import dev.graft.process.CommandException;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * graft as a user's shell starts it, either {@link Way}: a whole process (the native client and a
 * server of the test's own, or a JVM of its own), in a directory, with an environment and a umask.
 */
public final class BothWays implements AutoCloseable {

    private final ServerHarness server;

    public BothWays(Path directory) throws IOException {
        this.server = new ServerHarness(directory);
    }

    public ServerHarness server() {
        return server;
    }

    /** The command line that runs graft {@code args} the given way. */
    public List<String> argv(Way way, List<String> args) {
        return switch (way) {
            case SERVER -> server.clientArgv("test", args);
            case OWN_JVM -> GraftProcess.argv(args.toArray(String[]::new));
        };
    }

    /** The same under {@code umask}, as a shell with that umask starts it. */
    public List<String> argv(Way way, String umask, List<String> args) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
        argv.addAll(argv(way, args));
        return argv;
    }

    /**
     * An executable {@code graft} in {@code bin} that runs graft the given way, for a test that runs what a user
     * types (a shell script, a documented command line) with {@code bin} first on {@code PATH}.
     */
    public Path script(Way way, Path bin) throws IOException {
        Path script = Files.createDirectories(bin).resolve("graft");
        String argv = argv(way, List.of()).stream().map(w -> "'" + w.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
        Files.writeString(script, "#!/bin/sh\nexec " + argv + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    public CommandResult graft(Way way, Path workingDirectory, Map<String, String> environment, String... args) {
        return run(argv(way, List.of(args)), workingDirectory, environment);
    }

    public CommandResult graftWithUmask(Way way, String umask, Path workingDirectory, Map<String, String> environment,
                                        String... args) {
        return run(argv(way, umask, List.of(args)), workingDirectory, environment);
    }

    /** Starts graft {@code args}; its stdout and stderr go to {@code output}.out and .err. */
    public Process start(Way way, Path workingDirectory, Map<String, String> environment, Path output,
                         String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv(way, List.of(args))).directory(workingDirectory.toFile());
        builder.environment().putAll(environment);
        return builder.redirectOutput(output.resolveSibling(output.getFileName() + ".out").toFile())
                .redirectError(output.resolveSibling(output.getFileName() + ".err").toFile()).start();
    }

    private static CommandResult run(List<String> argv, Path workingDirectory, Map<String, String> environment) {
        try {
            return ProcessRunner.quiet().run(new Command(argv, Optional.of(workingDirectory),
                    new HashMap<>(environment), Duration.ofMinutes(5)));
        } catch (CommandException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
