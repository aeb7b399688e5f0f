package dev.graft.llvm;

/**
 * What graft has asked LLVM to do on this thread right now, so that a fatal error LLVM reports from
 * deep inside a call (on the calling thread, through {@link FatalErrorHandler}) can name the step and
 * its input. Steps nest only as far as one native call at a time: entering replaces, closing restores.
 */
final class NativeStep implements AutoCloseable {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private final String previous;

    private NativeStep(String description) {
        previous = CURRENT.get();
        CURRENT.set(description);
    }

    /** Marks the start of a call into LLVM, described for a person ("linking h.bc into crate.bc"). */
    static NativeStep enter(String description) {
        return new NativeStep(description);
    }

    /** The step of this thread, or a neutral description outside any. */
    static String current() {
        String step = CURRENT.get();
        return step == null ? "running LLVM" : step;
    }

    @Override
    public void close() {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
