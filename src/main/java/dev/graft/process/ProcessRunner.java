package dev.graft.process;

import dev.graft.GraftException;
import dev.graft.session.Session;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link Command}s for the {@link Session} of the thread that runs them: with its environment and
 * working directory, stopped when it is cancelled, and a build's own commands (rustc) started by its
 * build host when it has one. With a verbose sink, every command line is printed before it runs and its
 * time after, so a user can re-run any step by hand. One verb per real difference:
 * <ul>
 *   <li>{@link #run}: output captured; a command that cannot run is a typed {@link CommandException} for a
 *       caller that has an answer to it (is this a working rustc?);</li>
 *   <li>{@link #execute}: the same for a graft step, whose tool failing to run is graft's failure;</li>
 *   <li>{@link #executeInBuild}: a build's command (rustc) whose output graft forwards: it gets the build's
 *       jobserver, and runs on the session's build host when it has one;</li>
 *   <li>{@link #runInheritingIo}: a build's command whose output goes straight to the build's streams.</li>
 * </ul>
 * Whether a command exited 0 is the caller's question ({@link CommandResult#succeeded}).
 */
public final class ProcessRunner {

    private final Optional<PrintWriter> verbose;

    public ProcessRunner(Optional<PrintWriter> verbose) {
        this.verbose = verbose;
    }

    public static ProcessRunner quiet() {
        return new ProcessRunner(Optional.empty());
    }

    /** Runs the command and returns its result whatever the exit status. */
    public CommandResult run(Command command) throws CommandException {
        return runTogether(List.of(command)).getFirst();
    }

    /**
     * Runs independent commands at once, each as {@link #run} would, and returns their results in order: for
     * questions to slow programs that need not wait for each other (rustup's proxy starts itself and then rustc
     * for each one). A command that cannot start, times out or is interrupted stops the others.
     */
    public List<CommandResult> runTogether(List<Command> commands) throws CommandException {
        List<Started> started = new ArrayList<>();
        try {
            for (Command command : commands) {
                started.add(start(command));
            }
            List<CommandResult> results = new ArrayList<>();
            for (Started one : started) {
                results.add(await(one));
            }
            return results;
        } finally {
            for (Started one : started) {
                if (one.process().isAlive()) {
                    destroy(one.process());
                }
                Session.current().cancellation().finished(one.process());
            }
        }
    }

    /** A command started by {@link #runTogether}, its pipes drained while it runs. */
    private record Started(Command command, Process process, long startNanos, CompletableFuture<String> stdout,
                           CompletableFuture<String> stderr) {
    }

    private Started start(Command command) throws CommandException {
        announce(command);
        ProcessBuilder builder = builder(command);
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new CommandException(CommandException.Kind.COULD_NOT_START, command,
                    "could not start " + command.argv().getFirst() + ": " + e.getMessage(), e);
        }
        Session.current().cancellation().started(process);
        closeQuietly(process);
        // Both pipes are drained while the process runs: a child that fills one pipe must not deadlock.
        return new Started(command, process, start, drain(process.getInputStream()), drain(process.getErrorStream()));
    }

    private CommandResult await(Started started) throws CommandException {
        Command command = started.command();
        Process process = started.process();
        try {
            if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                destroy(process);
                throw new CommandException(CommandException.Kind.TIMED_OUT, command,
                        command.argv().getFirst() + " did not finish within " + command.timeout().toSeconds() + " s",
                        null);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started.startNanos());
            CommandResult result = new CommandResult(command, process.exitValue(), started.stdout().get(),
                    started.stderr().get(), elapsed);
            finished(elapsed, result.exitCode());
            return result;
        } catch (InterruptedException e) {
            destroy(process);
            Thread.currentThread().interrupt();
            throw new CommandException(CommandException.Kind.INTERRUPTED, command,
                    "interrupted while running " + command.argv().getFirst(), e);
        } catch (ExecutionException e) {
            throw new CommandException(CommandException.Kind.UNREADABLE_OUTPUT, command,
                    "could not read the output of " + command.argv().getFirst() + ": " + e.getCause().getMessage(), e);
        }
    }

    /**
     * Runs the command for a graft step: its result whatever the exit status, but a command that could
     * not start, timed out or was interrupted becomes a {@link GraftException} naming the command.
     */
    public CommandResult execute(Command command) throws GraftException {
        try {
            return run(command);
        } catch (CommandException e) {
            throw GraftException.toolFailed(e.getMessage() + " (" + command.render() + ")", "");
        }
    }

    /**
     * {@link #execute}s a command that belongs to the build (rustc): where the session has a build host (a
     * server's client), it runs there, so it inherits the build's jobserver descriptors and writes to the
     * client's streams as it runs (the result then holds no output); elsewhere it runs here.
     */
    public CommandResult executeInBuild(Command command) throws GraftException {
        if (Session.current().buildHost().isEmpty()) {
            return execute(withJobserverByName(command));
        }
        long start = System.nanoTime();
        int status = runInClient(command);
        return new CommandResult(command, status, "", "", Duration.ofNanos(System.nanoTime() - start));
    }

    /** Runs the command in the graft client this request came from, with the client's streams. */
    private int runInClient(Command command) throws GraftException {
        announce(command);
        long start = System.nanoTime();
        int status;
        Session session = Session.current();
        try {
            status = session.buildHost().orElseThrow().run(command.argv(), command.environment(),
                    command.workingDirectory().orElse(session.workingDirectory()));
        } catch (IOException e) {
            throw GraftException.toolFailed("could not run " + command.argv().getFirst() + " in the graft client: "
                    + e.getMessage() + " (" + command.render() + ")", "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw GraftException.toolFailed("interrupted while running " + command.argv().getFirst(), "");
        }
        finished(Duration.ofNanos(System.nanoTime() - start), status);
        return status;
    }

    /**
     * Runs the command with graft's own standard input, output and error: what a wrapper needs when the
     * tool's output must reach the build as the tool writes it (cargo reads rustc's JSON messages while
     * rustc runs, to start dependent crates early). Returns the exit status.
     */
    public int runInheritingIo(Command command) throws GraftException {
        if (Session.current().buildHost().isPresent()) {
            // A server's "own" streams are not the build's: the client's are, so the client runs it.
            return runInClient(command);
        }
        announce(command);
        ProcessBuilder builder = builder(withJobserverByName(command)).inheritIO();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw GraftException.toolFailed("could not start " + command.argv().getFirst() + ": " + e.getMessage()
                    + " (" + command.render() + ")", "");
        }
        Session.current().cancellation().started(process);
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            destroy(process);
            Thread.currentThread().interrupt();
            throw GraftException.toolFailed("interrupted while running " + command.argv().getFirst(), "");
        } finally {
            Session.current().cancellation().finished(process);
        }
    }

    /**
     * A build's command started by this JVM: Java's process API closes the jobserver descriptors make or cargo
     * handed graft, so the command gets the same pipe by name ({@link JobserverHandoff}). In the graft client
     * the command inherits the descriptors themselves and needs nothing.
     */
    private static Command withJobserverByName(Command command) {
        Map<String, String> effective = new HashMap<>(Session.current().environment());
        effective.putAll(command.environment());
        Map<String, String> changed = JobserverHandoff.environment(effective);
        if (changed.isEmpty()) {
            return command;
        }
        Map<String, String> environment = new HashMap<>(command.environment());
        environment.putAll(changed);
        return command.withEnvironment(environment);
    }

    /** With --verbose, the command line before it runs: copy-pasteable, so a user can re-run the step. */
    private void announce(Command command) {
        verbose.ifPresent(out -> {
            out.println("+ " + command.render());
            out.flush();
        });
    }

    /** With --verbose, how long the command took and how it ended. */
    private void finished(Duration elapsed, int status) {
        verbose.ifPresent(out -> {
            out.printf("  (%d ms, exit %d)%n", elapsed.toMillis(), status);
            out.flush();
        });
    }

    /** The process for {@code command}, with the session's environment and directory. */
    private static ProcessBuilder builder(Command command) {
        Session session = Session.current();
        ProcessBuilder builder = new ProcessBuilder(command.argv());
        builder.environment().clear();
        builder.environment().putAll(session.environment());
        builder.directory(command.workingDirectory().orElse(session.workingDirectory()).toFile());
        builder.environment().putAll(command.environment());
        return builder;
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Thread::startVirtualThread);
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // The child may already have exited; it reads no input from graft either way.
        }
    }

    private static void destroy(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
