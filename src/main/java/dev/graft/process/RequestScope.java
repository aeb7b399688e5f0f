package dev.graft.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one request of a long-lived graft server has under way: the subprocesses it runs and the
 * clean-up actions its temporary files and scratch directories registered. Cancelling a request
 * (its client was stopped) stops exactly these and deletes exactly these; other requests go on. A
 * one-shot graft has no scope: {@link ExitCleanup} covers the whole process there.
 */
public final class RequestScope {

    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final List<Runnable> undo = new ArrayList<>();
    private volatile boolean cancelled;

    /** Runs {@code body} on this thread with this scope current: what it starts and registers is this scope's. */
    public <T, X extends Throwable> T run(ScopedValue.CallableOp<T, X> body) throws X {
        return ScopedValue.where(ExitCleanup.REQUEST, this).call(body);
    }

    public boolean cancelled() {
        return cancelled;
    }

    /**
     * Stops this request's subprocesses (SIGTERM, then SIGKILL after two seconds) and deletes what it
     * registered. Callable again once the request's thread has ended, for files made in between.
     */
    public void cancel() {
        cancelled = true;
        if (!ExitCleanup.stop(running)) {
            return;
        }
        List<Runnable> actions;
        synchronized (undo) {
            actions = new ArrayList<>(undo.reversed());
        }
        actions.forEach(Runnable::run);
    }

    void started(Process process) {
        running.add(process);
        if (cancelled) {
            // Started after the cancel: it must not outlive the request.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    void finished(Process process) {
        running.remove(process);
    }

    void onCancel(Runnable action) {
        synchronized (undo) {
            undo.add(action);
        }
    }
}
