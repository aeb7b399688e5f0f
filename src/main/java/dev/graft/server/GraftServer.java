package dev.graft.server;

import dev.graft.GraftException;
import dev.graft.session.Memo;
import dev.graft.session.Session;
import dev.graft.session.Timeline;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The long-lived server: accepts connections on its socket, one thread per connection, and stops when
 * it has been idle for the configured time, when asked to, or when a client of another graft build
 * replaces it. It serves one identity (graft build and JDK, checked by the client's request) and one
 * toolchain (the first a request locates; a request for another is handed back to the client).
 */
public final class GraftServer {

    /** Runs one graft command in a session, as graft's own command line would: given by the command line. */
    @FunctionalInterface
    public interface Commands {
        int run(java.util.List<String> args, Session session);
    }

    private final Path socket;
    private final String identity;
    private final Duration idleTimeout;
    private final PrintWriter log;
    private final Instant started = Instant.now();
    private final AtomicInteger running = new AtomicInteger();
    /** Cancelled requests whose work (LLVM in this JVM) has not reached a point where it could stop yet. */
    private final AtomicInteger finishing = new AtomicInteger();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
    private volatile boolean retired;
    /** Counted down when the server retires: it then waits for its running requests and ends. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private ServerSocketChannel listener;
    private Object socketKey;
    private UserPrincipal owner;
    private final Memo memo = new Memo();
    /**
     * The threads connections and requests run on, kept a minute once idle: an idle thread handed work is
     * woken at once, where a thread started for it queues behind every runnable thread of a busy machine
     * (GRAFT_TIMINGS showed it twice per request, between the client's connect and the command's start).
     */
    private final ExecutorService threads = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("graft-server-", 1).factory());
    private final Commands commands;

    public GraftServer(Path socket, String identity, Duration idleTimeout, PrintWriter log, Commands commands) {
        this.commands = commands;
        this.socket = socket;
        this.identity = identity;
        this.idleTimeout = idleTimeout;
        this.log = log;
    }

    /** Serves until stopped; returns once the last running request is done. */
    public void serve() throws GraftException {
        owner = SocketLocation.prepareDirectory(socket.getParent());
        if (!bind()) {
            log("another graft server already answers on " + socket + "; not starting");
            return;
        }
        log("listening on " + socket + " (pid " + ProcessHandle.current().pid() + ", identity " + identity
                + ", idle timeout " + idleTimeout.toSeconds() + " s)");
        // The client that started this server had GRAFT_TIMINGS set: how long the start took, from its launcher.
        Timeline startup = Session.current().timeline();
        startup.mark("listening");
        startup.line("the server's start").ifPresent(this::log);
        Thread.ofPlatform().daemon().name("graft-server-idle").start(this::stopWhenIdle);
        threads.execute(this::acceptOne);
        try {
            stopped.await();
            while (running.get() > 0) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        log("stopped after " + served.get() + " requests");
    }

    /**
     * Accepts one connection and serves it on this thread, once another thread has taken over accepting:
     * the thread the kernel wakes for a connection is the one that serves it, where handing it to another
     * thread put one more wake-up on every request's way (a wait for a core, on a busy machine).
     */
    private void acceptOne() {
        SocketChannel client;
        try {
            client = listener.accept();
        } catch (AsynchronousCloseException e) {
            return; // retired
        } catch (IOException e) {
            if (!retired) {
                log("accept failed: " + e.getMessage());
                threads.execute(this::acceptOne);
            }
            return;
        }
        lastActivity.set(System.nanoTime());
        threads.execute(this::acceptOne);
        new Connection(this, new FrameChannel(client)).run();
    }

    private boolean bind() throws GraftException {
        try {
            if (Files.exists(socket)) {
                if (answers(socket)) {
                    return false;
                }
                Files.deleteIfExists(socket); // a server that died (kill -9, an LLVM abort) left it behind
            }
            listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            listener.bind(UnixDomainSocketAddress.of(socket));
            socketKey = Files.readAttributes(socket, BasicFileAttributes.class).fileKey();
            return true;
        } catch (IOException e) {
            throw GraftException.io("cannot listen on " + socket, e);
        }
    }

    static boolean answers(Path socket) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return probe.isConnected();
        } catch (IOException e) {
            return false;
        }
    }

    private void stopWhenIdle() {
        while (!retired) {
            try {
                Thread.sleep(Math.min(1000, Math.max(10, idleTimeout.toMillis() / 4)));
            } catch (InterruptedException e) {
                return;
            }
            long idleNanos = System.nanoTime() - lastActivity.get();
            if (running.get() == 0 && idleNanos >= idleTimeout.toNanos()) {
                log("idle for " + idleTimeout.toSeconds() + " s");
                retire();
            }
        }
    }

    /** What the server says to the client whose connection retires it (a stop, a replacing client). */
    @FunctionalInterface
    interface Answer {
        void send() throws IOException;
    }

    /**
     * Retires, and sends the client whose connection retired it {@code answer} before the server may end: the main
     * thread ends the JVM once nothing runs, and without counting the answer as running it could end it first (the
     * client then read "closed the connection without an answer" and exited 1, a build script's stop seen to fail).
     */
    void retireAnswering(Answer answer) throws IOException {
        running.incrementAndGet();
        try {
            retire();
            answer.send();
        } finally {
            running.decrementAndGet();
        }
    }

    /** Stops accepting and removes the socket (if it is still this server's); running requests finish. */
    void retire() {
        if (retired) {
            return;
        }
        retired = true;
        stopped.countDown();
        try {
            Object key = Files.readAttributes(socket, BasicFileAttributes.class).fileKey();
            if (Objects.equals(key, socketKey)) {
                Files.deleteIfExists(socket);
            }
        } catch (IOException e) {
            // Already gone, or replaced by a new server's socket, which is not ours to remove.
        }
        try {
            listener.close();
        } catch (IOException e) {
            log("closing the socket: " + e.getMessage());
        }
    }

    boolean acceptsPeer(SocketChannel channel) throws IOException {
        return channel.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED).user().equals(owner);
    }

    String identity() {
        return identity;
    }

    UserPrincipal owner() {
        return owner;
    }

    /** What the server remembers across requests; the first toolchain a request finds becomes the server's. */
    Memo memo() {
        return memo;
    }

    Commands commands() {
        return commands;
    }

    ExecutorService threads() {
        return threads;
    }

    /** A cancelled request's worker goes on (LLVM cannot be interrupted) until its next step boundary. */
    void finishingStarted() {
        finishing.incrementAndGet();
    }

    void finishingEnded() {
        finishing.decrementAndGet();
    }

    void requestStarted() {
        running.incrementAndGet();
        served.incrementAndGet();
        lastActivity.set(System.nanoTime());
    }

    void requestEnded() {
        lastActivity.set(System.nanoTime());
        running.decrementAndGet();
    }

    String describe() {
        long up = Duration.between(started, Instant.now()).toSeconds();
        return "graft server: running, pid " + ProcessHandle.current().pid() + ", up " + up + " s, "
                + served.get() + " requests served, " + running.get() + " running"
                + (finishing.get() > 0 ? ", " + finishing.get() + " cancelled and finishing (they write nothing)" : "")
                + "\n"
                + "  socket:       " + socket + "\n"
                + "  identity:     " + identity + "\n"
                + "  toolchain:    " + memo.recall(Memo.SERVED_TOOLCHAIN, String.class).orElse("(none yet)") + "\n"
                + "  idle timeout: " + idleTimeout.toSeconds() + " s (GRAFT_SERVER_IDLE)\n";
    }

    void log(String message) {
        synchronized (log) {
            log.println(Instant.now() + " graft server: " + message);
            log.flush();
        }
    }
}
