package dev.graft.pipeline;

import dev.graft.GraftException;
import dev.graft.process.ExitCleanup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every file graft hands to a user appears whole or not at all: it is written to a temporary
 * sibling (same directory, so the rename is atomic) and renamed over the destination. Temporary
 * siblings still pending when graft is stopped (SIGINT, SIGTERM) are deleted on the way out, after
 * the tool writing them has been stopped ({@link ExitCleanup}).
 */
public final class AtomicOutput {

    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    static {
        ExitCleanup.onExit(() -> PENDING.forEach(AtomicOutput::discard));
    }

    private AtomicOutput() {
    }

    /** A fresh temporary path beside {@code destination}, registered for clean-up. */
    public static Path temporarySibling(Path destination) throws GraftException {
        Path absolute = destination.toAbsolutePath();
        Path dir = absolute.getParent();
        try {
            Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".graft-tmp");
            PENDING.add(temp);
            ExitCleanup.onCancel(() -> discard(temp));
            return temp;
        } catch (IOException e) {
            throw GraftException.io("cannot write in " + dir, e);
        }
    }

    /** Renames a finished temporary file over its destination. */
    public static void commit(Path temp, Path destination) throws GraftException {
        try {
            try {
                Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            discard(temp);
            throw GraftException.io("cannot write " + destination, e);
        } finally {
            PENDING.remove(temp);
        }
    }

    /**
     * Deletes a temporary file that will not be committed, and whatever a tool derived from its name:
     * clang writes {@code -o stem.ext} through its own {@code stem-xxxxxxxx.ext.tmp} and leaves that
     * behind when the disk is full. Our temporary names carry a random number, so the prefix is ours alone.
     */
    public static void discard(Path temp) {
        deleteQuietly(temp);
        Path dir = temp.toAbsolutePath().getParent();
        String name = temp.getFileName().toString();
        String derivedPrefix = name.substring(0, Math.max(name.lastIndexOf('.'), 1)) + "-";
        try (DirectoryStream<Path> derived = Files.newDirectoryStream(dir,
                p -> p.getFileName().toString().startsWith(derivedPrefix))) {
            derived.forEach(AtomicOutput::deleteQuietly);
        } catch (IOException e) {
            // The directory itself is gone or unreadable: nothing of ours can be left in it.
        }
        PENDING.remove(temp);
    }

    public static void writeString(Path destination, String content) throws GraftException {
        write(destination, temp -> Files.writeString(temp, content, StandardCharsets.UTF_8));
    }

    public static void copy(Path source, Path destination) throws GraftException {
        write(destination, temp -> Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING));
    }

    private interface Writer {
        void writeTo(Path temp) throws IOException;
    }

    private static void write(Path destination, Writer writer) throws GraftException {
        Path temp = temporarySibling(destination);
        try {
            writer.writeTo(temp);
        } catch (IOException e) {
            discard(temp);
            throw GraftException.io("cannot write " + destination, e);
        }
        commit(temp, destination);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Best effort on the way out; nothing else can be done about it here.
        }
    }
}
