package dev.graft.files;

import dev.graft.GraftException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A whole file read into memory, or written from it; a failure is graft's one line naming the file
 * ({@link GraftException#io}).
 */
public final class FileBytes {

    private FileBytes() {
    }

    public static byte[] read(Path file) throws GraftException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw GraftException.io("cannot read " + file, e);
        }
    }

    public static void write(Path file, byte[] bytes) throws GraftException {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw GraftException.io("cannot write " + file, e);
        }
    }
}
