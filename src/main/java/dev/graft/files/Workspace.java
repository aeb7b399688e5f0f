package dev.graft.files;

import dev.graft.GraftException;
import dev.graft.session.Cancellation;
import dev.graft.session.Session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

/**
 * A scratch directory for intermediate files, deleted on close unless the user asked to keep it
 * ({@code --keep-temps DIR}). It is made where the command's environment says temporary files go
 * ({@code TMPDIR}, as rustc and clang do), named after its owning process so that a later run can
 * remove it if that process is killed outright ({@link Leftovers}). A cancel of the command's session
 * deletes it too, and a cancelled session creates none.
 */
public final class Workspace implements AutoCloseable {

    private final Path directory;
    private final boolean keep;
    private final Cancellation.Registration cleanUpOnCancel;

    private Workspace(Path directory, boolean keep, Cancellation.Registration cleanUpOnCancel) {
        this.directory = directory;
        this.keep = keep;
        this.cleanUpOnCancel = cleanUpOnCancel;
    }

    /** A workspace in the JVM's temporary directory (for callers without a command environment). */
    public static Workspace create(Optional<Path> keepIn) throws GraftException {
        return create(keepIn, defaultRoot());
    }

    /** A workspace in {@code root} (see {@link #root}), or in {@code keepIn}, which is kept. */
    public static Workspace create(Optional<Path> keepIn, Path root) throws GraftException {
        Cancellation cancellation = Session.current().cancellation();
        cancellation.check();
        try {
            if (keepIn.isPresent()) {
                Files.createDirectories(keepIn.get());
                return new Workspace(keepIn.get(), true, () -> { });
            }
            Leftovers.sweepScratchDirectories(root);
            // Private, as a temporary directory should be: it holds the crate's code.
            Path directory = Files.createDirectory(root.resolve(Leftovers.scratchDirectoryName()),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return new Workspace(directory, false, cancellation.onCancel(() -> Leftovers.deleteTree(directory)));
        } catch (IOException e) {
            throw GraftException.io("cannot create a scratch directory in " + root
                    + " (set TMPDIR to a writable directory)", e);
        }
    }

    /** Where scratch directories go for a command run with {@code environment}: its TMPDIR, else the JVM's. */
    public static Path root(Map<String, String> environment) {
        String tmpdir = environment.get("TMPDIR");
        return tmpdir == null || tmpdir.isBlank() ? defaultRoot() : Path.of(tmpdir);
    }

    private static Path defaultRoot() {
        return Path.of(System.getProperty("java.io.tmpdir"));
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
            Leftovers.deleteTree(directory);
            cleanUpOnCancel.remove();
        }
    }
}
