package dev.graft.pipeline;

import dev.graft.GraftException;
import dev.graft.process.ExitCleanup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A scratch directory for intermediate files, deleted on close unless the user asked to keep it
 * ({@code --keep-temps DIR}).
 */
public final class Workspace implements AutoCloseable {

    private static final Set<Path> OPEN = ConcurrentHashMap.newKeySet();

    static {
        ExitCleanup.onExit(() -> OPEN.forEach(Workspace::deleteTree));
    }

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
            Path directory = Files.createTempDirectory("graft-");
            OPEN.add(directory);
            ExitCleanup.onCancel(() -> deleteTree(directory));
            return new Workspace(directory, false);
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
        if (!keep) {
            deleteTree(directory);
            OPEN.remove(directory);
        }
    }

    private static void deleteTree(Path directory) {
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A scratch directory left in /tmp is harmless; failing the build over it is not.
        }
    }
}
