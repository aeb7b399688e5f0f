package dev.graft.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Optional;

/**
 * A file's identity (its inode, where the file system has one; else null), last change and size: what a long-lived
 * JVM keys what it remembers of a file on, so that a file written again, or another renamed over it, is told apart.
 */
public record FileStamp(Object identity, Instant modified, long size) {

    /** The file's stamp, or empty when its attributes cannot be read (it does not exist, say). */
    public static Optional<FileStamp> of(Path file, LinkOption... options) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, options);
            return Optional.of(new FileStamp(a.fileKey(), a.lastModifiedTime().toInstant(), a.size()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return identity + "@" + modified + ":" + size;
    }
}
