package dev.graft.process;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What must happen when graft is stopped (SIGINT, SIGTERM) in the middle of a step, in this order:
 * first the running tools are stopped (so none of them can still write a file), then the registered
 * clean-up actions run (deleting temporary outputs). One shutdown hook does both, because the JVM
 * runs separate hooks concurrently and in no given order. In a graft server, what a request starts or
 * registers also belongs to its {@link RequestScope}, so that request alone can be cancelled.
 */
public final class ExitCleanup {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final List<Runnable> ACTIONS = new CopyOnWriteArrayList<>();
    /** The server request this thread works for; unbound in a one-shot graft. */
    static final ScopedValue<RequestScope> REQUEST = ScopedValue.newInstance();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ExitCleanup::run, "graft-exit-cleanup"));
    }

    private ExitCleanup() {
    }

    /** Adds an action to run on the way out, after every running tool has been stopped. */
    public static void onExit(Runnable action) {
        ACTIONS.add(action);
    }

    /**
     * Adds an action that undoes something of the current server request (deletes a temporary file or
     * scratch directory) should that request be cancelled; does nothing outside a server request.
     */
    public static void onCancel(Runnable action) {
        if (REQUEST.isBound()) {
            REQUEST.get().onCancel(action);
        }
    }

    static void started(Process process) {
        RUNNING.add(process);
        if (REQUEST.isBound()) {
            REQUEST.get().started(process);
        }
    }

    static void finished(Process process) {
        RUNNING.remove(process);
        if (REQUEST.isBound()) {
            REQUEST.get().finished(process);
        }
    }

    /**
     * Stops the running tools and runs the clean-up actions now, for a process about to end without its
     * shutdown hooks ({@link Runtime#halt}): a fatal error inside libLLVM, after which LLVM would exit.
     */
    public static void runNow() {
        run();
    }

    private static void run() {
        if (stop(RUNNING)) {
            ACTIONS.forEach(Runnable::run);
        }
    }

    /**
     * Stops {@code processes}: SIGTERM first (clang and rustc remove their own temporary files when
     * terminated), SIGKILL after two seconds. False when interrupted while waiting.
     */
    static boolean stop(Iterable<Process> processes) {
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
