package dev.graft.files;

import dev.graft.GraftException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A whole file read into memory; a failure is graft's one line naming the file ({@link GraftException#io}). */
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
}
