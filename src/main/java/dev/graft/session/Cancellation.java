package dev.graft.session;

import dev.graft.GraftException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether a command was cancelled, and what it has under way that a cancel must stop or undo: its
 * subprocesses and the clean-up actions of its temporary files and scratch directories.
 *
 * <p>A cancelled command never publishes an output. Publishing ({@link #publish}) and cancelling share
 * one lock, so the order is total: an output published before the cancel stays (it was complete, as if
 * the signal had come a moment later), and none is published after it, even by work the cancel could
 * not stop (LLVM optimising in this JVM runs to its end, and its result is then discarded). A client
 * is told its request is over only after {@link #cancel} returns, so nothing it later reads is stale.
 */
public final class Cancellation {

    private final Object publishing = new Object();
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final List<Runnable> undo = new ArrayList<>();
    private volatile boolean cancelled;

    /** Something that makes an output visible at its destination (a rename, a write into a stream). */
    public interface Publication {
        void run() throws IOException, GraftException;
    }

    /** Undoes one registration, once what it guarded is gone or published. */
    public interface Registration {
        void remove();
    }

    public boolean cancelled() {
        return cancelled;
    }

    /** A step boundary: throws when the command was cancelled, so no further work starts. */
    public void check() throws GraftException {
        if (cancelled) {
            throw GraftException.cancelled();
        }
    }

    /** Runs {@code publication} unless the command was cancelled, atomically with respect to {@link #cancel}. */
    public void publish(Publication publication) throws IOException, GraftException {
        synchronized (publishing) {
            check();
            publication.run();
        }
    }

    /**
     * Cancels: from now on nothing is published; then stops the subprocesses (SIGTERM, then SIGKILL after
     * two seconds: clang and rustc remove their own temporary files when terminated) and runs the undo
     * actions. Returns once no output can appear any more. Callable again for what registered since.
     */
    public void cancel() {
        synchronized (publishing) {
            cancelled = true;
        }
        stop();
        List<Runnable> actions;
        synchronized (undo) {
            actions = new ArrayList<>(undo.reversed());
            undo.clear();
        }
        actions.forEach(Runnable::run);
    }

    /** A subprocess of this command started: a cancel stops it (at once, if the cancel came first). */
    public void started(Process process) {
        running.add(process);
        if (cancelled) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    public void finished(Process process) {
        running.remove(process);
    }

    /** Adds an action that deletes something of this command's should it be cancelled. */
    public Registration onCancel(Runnable action) {
        synchronized (undo) {
            if (!cancelled) {
                undo.add(action);
                return () -> {
                    synchronized (undo) {
                        undo.remove(action);
                    }
                };
            }
        }
        action.run(); // cancelled already: whatever it guards must not stay
        return () -> { };
    }

    private void stop() {
        for (Process p : running) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : running) {
            try {
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
