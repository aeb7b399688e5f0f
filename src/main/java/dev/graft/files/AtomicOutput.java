package dev.graft.files;

import dev.graft.GraftException;
import dev.graft.session.Cancellation;
import dev.graft.session.Session;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way graft writes a file a user (or a later graft) reads. Every such file appears whole or
 * not at all: it is written to a temporary sibling (same directory, so the rename is atomic) and
 * renamed over the destination, the way {@link OutputTarget} says: through a symbolic link to its
 * target, and straight into a device, FIFO or standard stream, which are never replaced.
 *
 * <p>Everything here is done for the {@link Session} of the calling thread. Modes are the ones rustc
 * gives its outputs: a new file gets {@code 0666 & ~umask} with the session's umask (a server's own
 * umask is not the client's, so the mode is set, not left to the kernel), a replaced regular file keeps
 * its own. A cancelled session publishes nothing ({@link Cancellation#publish}): its temporary files
 * are deleted, after the tools writing them were stopped, and a commit after the cancel is refused;
 * those of a graft killed outright are removed by a later run ({@link Leftovers}).
 */
public final class AtomicOutput {

    /** Temporary files not yet committed or discarded, with their clean-up on a cancel. */
    private static final Map<Path, Cancellation.Registration> PENDING = new ConcurrentHashMap<>();

    /** Writes a file's whole content to a stream graft opened. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicOutput() {
    }

    /**
     * A fresh temporary file beside the file {@code destination} will replace, registered for
     * clean-up, for a tool to write and {@link #commit} to publish. When {@code destination} is a
     * device or stream, it is made in the JVM's temporary directory; callers with a scratch directory
     * use {@link #temporaryFor}.
     */
    public static Path temporarySibling(Path destination) throws GraftException {
        return temporaryFor(destination, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** As {@link #temporarySibling}, with {@code scratch} holding the copy for a device or stream. */
    public static Path temporaryFor(Path destination, Path scratch) throws GraftException {
        OutputTarget target = OutputTarget.of(destination);
        Path dir = target.replaces() ? target.file().getParent() : scratch;
        try {
            return createTemporary(dir, target.file().getFileName().toString());
        } catch (IOException e) {
            throw GraftException.io("cannot write in " + dir, e);
        }
    }

    /**
     * Publishes a finished temporary file at its destination (renamed over it, or copied into it), unless
     * the session was cancelled: then the file is discarded and the commit throws.
     */
    public static void commit(Path temp, Path destination) throws GraftException {
        Session session = Session.current();
        try {
            OutputTarget target = OutputTarget.of(destination);
            session.cancellation().publish(() -> {
                if (target.replaces()) {
                    moveOver(temp, target.file(), session);
                } else {
                    writeThrough(target, out -> Files.copy(temp, out), session, destination);
                }
            });
        } catch (IOException e) {
            throw GraftException.io("cannot write " + destination, e);
        } finally {
            discard(temp);
        }
    }

    /** Writes {@code content} to {@code destination} as {@link #commit} publishes a file. */
    public static void write(Path destination, Content content) throws GraftException {
        OutputTarget target = OutputTarget.of(destination);
        if (!target.replaces()) {
            Session session = Session.current();
            try {
                session.cancellation().publish(() -> writeThrough(target, content, session, destination));
            } catch (IOException e) {
                throw GraftException.io("cannot write " + destination, e);
            }
            return;
        }
        Path temp = temporaryFor(destination, target.file().getParent());
        try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
            content.writeTo(out);
        } catch (IOException e) {
            discard(temp);
            throw GraftException.io("cannot write " + destination, e);
        }
        commit(temp, destination);
    }

    public static void writeString(Path destination, String content) throws GraftException {
        write(destination, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    public static void copy(Path source, Path destination) throws GraftException {
        write(destination, out -> Files.copy(source, out));
    }

    /**
     * Deletes a temporary file that will not be committed, and whatever a tool derived from its name:
     * clang writes {@code -o stem.ext} through its own {@code stem-xxxxxxxx.ext.tmp} and leaves that
     * behind when the disk is full. Our temporary names carry a random part, so the prefix is ours alone.
     */
    public static void discard(Path temp) {
        deleteQuietly(temp);
        Cancellation.Registration registration = PENDING.remove(temp);
        if (registration != null) {
            registration.remove();
        }
        Path dir = temp.toAbsolutePath().getParent();
        String name = temp.getFileName().toString();
        String derivedPrefix = name.substring(0, Math.max(name.lastIndexOf('.'), 1)) + "-";
        try (DirectoryStream<Path> derived = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(derivedPrefix))) {
            derived.forEach(AtomicOutput::deleteQuietly);
        } catch (IOException e) {
            // The directory itself is gone or unreadable: nothing of ours can be left in it.
        }
    }

    private static Path createTemporary(Path dir, String targetName) throws IOException, GraftException {
        Cancellation cancellation = Session.current().cancellation();
        cancellation.check();
        Leftovers.sweepTemporaryFiles(dir);
        while (true) {
            Path temp = dir.resolve(Leftovers.temporaryFileName(targetName));
            try {
                Files.createFile(temp);
                PENDING.put(temp, cancellation.onCancel(() -> discard(temp)));
                return temp;
            } catch (FileAlreadyExistsException e) {
                // A random part collided; draw again.
            }
        }
    }

    /** Renames {@code temp} over {@code file}, which keeps its mode if it exists, else gets the session's. */
    private static void moveOver(Path temp, Path file, Session session) throws IOException {
        try {
            Files.setPosixFilePermissions(temp, Files.getPosixFilePermissions(file));
        } catch (NoSuchFileException e) {
            Files.setPosixFilePermissions(temp, permissions(session.newFileMode()));
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The descriptor a standard-stream path names, when graft writes to it: standard output or error, the
     * session's own (in a server, the client's, never the server's), and no other.
     */
    static int requireStandardStream(OutputTarget target, Path destination) throws GraftException {
        int fd = target.descriptor();
        if (fd != 1 && fd != 2) {
            throw GraftException.badInput("cannot write " + destination + ": graft writes to its standard output "
                    + "(/dev/stdout) and standard error (/dev/stderr), not to descriptor " + fd);
        }
        return fd;
    }

    /** The permissions of a mode's lower nine bits. */
    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ (0400) ... OTHERS_EXECUTE (01)
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (0400 >> i)) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    /**
     * Writes into an existing device or stream: no creation, no truncation, no rename. A standard stream
     * is the session's own; a descriptor the command was not given is refused.
     */
    private static void writeThrough(OutputTarget target, Content content, Session session, Path destination)
            throws IOException, GraftException {
        if (target.kind() == OutputTarget.Kind.STANDARD_STREAM) {
            Optional<OutputStream> stream = session.streams().descriptor(requireStandardStream(target, destination));
            try (OutputStream out = stream.orElseThrow()) {
                content.writeTo(out);
            }
            return;
        }
        OpenOption[] options = target.kind() == OutputTarget.Kind.DESCRIPTOR
                ? new OpenOption[] {StandardOpenOption.WRITE, StandardOpenOption.APPEND}
                : new OpenOption[] {StandardOpenOption.WRITE};
        try (OutputStream out = Files.newOutputStream(target.file(), options)) {
            content.writeTo(out);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Best effort on the way out; nothing else can be done about it here.
        }
    }
}
