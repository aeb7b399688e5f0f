package dev.graft.pipeline;

import dev.graft.GraftException;

import java.nio.file.Path;

/**
 * The old home of {@link dev.graft.output.AtomicOutput}, which moved to {@code dev.graft.output} so the
 * caches can use it without depending on the pipeline. It only forwards, so code written against
 * this location on branches developed at the same time still compiles; remove it once nothing uses it.
 */
@Deprecated(forRemoval = true)
public final class AtomicOutput {

    private AtomicOutput() {
    }

    public static Path temporarySibling(Path destination) throws GraftException {
        return dev.graft.output.AtomicOutput.temporarySibling(destination);
    }

    public static void commit(Path temp, Path destination) throws GraftException {
        dev.graft.output.AtomicOutput.commit(temp, destination);
    }

    public static void discard(Path temp) {
        dev.graft.output.AtomicOutput.discard(temp);
    }

    public static void writeString(Path destination, String content) throws GraftException {
        dev.graft.output.AtomicOutput.writeString(destination, content);
    }

    public static void copy(Path source, Path destination) throws GraftException {
        dev.graft.output.AtomicOutput.copy(source, destination);
    }
}
