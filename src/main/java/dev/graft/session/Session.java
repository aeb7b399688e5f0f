package dev.graft.session;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where one graft command runs, and all it may know about that. {@code cli.Main} builds one for a JVM
 * of its own (this process's environment, directory, umask and streams; children started here; cancelled
 * when the JVM is stopped), the server one per client request (the client's environment, directory,
 * umask and streams; the build's commands started by the client; cancelled when the client is stopped or
 * goes away). Everything else runs the same either way, so the two cannot drift apart.
 *
 * <p>The session a thread works for is {@link #current}: bound by {@link #run} for the command's thread,
 * so a temporary file or a subprocess deep in a step belongs to the command that made it.
 *
 * @param workingDirectory the directory relative paths are read against, and children start in
 * @param environment      every child's environment
 * @param umask            the permission bits a new output must not have ({@code 0666 & ~umask})
 * @param streams          standard output and error, and what {@code /dev/stdout} and the like name
 * @param buildHost        who runs the build's own commands (rustc) when not this JVM: the client
 * @param memo             what this JVM remembers across commands, when it lives for more than one
 * @param cancellation     whether the command was cancelled, and what a cancel stops and undoes
 * @param timeline         where the command's time goes, when {@value Timeline#VARIABLE} asks
 */
public record Session(Path workingDirectory, Map<String, String> environment, int umask, Streams streams,
                      Optional<BuildHost> buildHost, Optional<Memo> memo, Cancellation cancellation,
                      Timeline timeline) {

    private static final ScopedValue<Session> CURRENT = ScopedValue.newInstance();
    /** Sessions whose command runs now: the JVM's shutdown cancels them, so none writes on the way out. */
    private static final Set<Session> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile Session process;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Session::cancelAll, "graft-exit-cleanup"));
    }

    public Session {
        environment = Map.copyOf(environment);
    }

    /** A command run in this JVM for itself: this process's umask, children started here. */
    public static Session ofThisProcess(Path workingDirectory, Map<String, String> environment, Streams streams,
                                        Optional<Memo> memo) {
        return new Session(workingDirectory, environment, processUmask(), streams, Optional.empty(), memo,
                new Cancellation(), Timeline.of(environment));
    }

    /** A command run by a server for a client; {@code timeline} started when the request arrived. */
    public static Session forClient(Path workingDirectory, Map<String, String> environment, int umask,
                                    Streams streams, BuildHost host, Memo memo, Timeline timeline) {
        return new Session(workingDirectory, environment, umask, streams, Optional.of(host), Optional.of(memo),
                new Cancellation(), timeline);
    }

    /** Runs {@code body} on this thread as this session's command. */
    public <T, X extends Throwable> T run(ScopedValue.CallableOp<T, X> body) throws X {
        LIVE.add(this);
        try {
            return ScopedValue.where(CURRENT, this).call(body);
        } finally {
            LIVE.remove(this);
        }
    }

    /**
     * The session this thread works for; outside any (a library call, a test of one class), this process's
     * own, with its environment, directory and streams.
     */
    public static Session current() {
        if (CURRENT.isBound()) {
            return CURRENT.get();
        }
        Session own = process;
        if (own == null) {
            synchronized (Session.class) {
                if (process == null) {
                    process = ofThisProcess(Path.of("").toAbsolutePath(), System.getenv(),
                            Streams.of(new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err)),
                            Optional.empty());
                    LIVE.add(process);
                }
                own = process;
            }
        }
        return own;
    }

    /** The mode of a new output file: {@code 0666} less the umask, as rustc's and clang's outputs get. */
    public int newFileMode() {
        return 0666 & ~umask;
    }

    /**
     * Cancels every command this JVM runs: the JVM is being stopped (SIGINT, SIGTERM), or libLLVM hit a
     * fatal error after which it exits the process.
     */
    public static void cancelAll() {
        LIVE.forEach(s -> s.cancellation().cancel());
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    /** This process's umask, from {@code /proc/self/status} (Java has no call for it); 022 where unreadable. */
    static int processUmask() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring("Umask:".length()).strip(), 8);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc not mounted: the common default.
        }
        return 022;
    }
}
