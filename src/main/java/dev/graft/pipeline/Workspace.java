package dev.graft.pipeline;

import dev.graft.GraftException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A scratch directory for intermediate files, deleted on close unless the user asked to keep it
 * ({@code --keep-temps DIR}).
 */
public final class Workspace implements AutoCloseable {

    private final Path directory;
    private final boolean keep;

    private Workspace(Path directory, boolean keep) {
        this.directory = directory;
        this.keep = keep;
    }

    public static Workspace create(Optional<Path> keepIn) throws GraftException {
        try {
            if (keepIn.isPresent()) {
                Files.createDirectories(keepIn.get());
                return new Workspace(keepIn.get(), true);
            }
            return new Workspace(Files.createTempDirectory("graft-"), false);
        } catch (IOException e) {
            throw GraftException.io("cannot create a scratch directory", e);
        }
    }

    public Path directory() {
        return directory;
    }

    public Path file(String name) {
        return directory.resolve(name);
    }

    @Override
    public void close() {
        if (keep) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A scratch directory left in /tmp is harmless; failing the build over it is not.
        }
    }
}
