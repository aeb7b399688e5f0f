package dev.graft.cli;

import dev.graft.GraftException;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** The check every file a user names as input gets first, so the message says what the path really is. */
final class InputFile {

    private InputFile() {
    }

    /**
     * {@code resolved} must be a regular file (after symbolic links); {@code what} names it for the
     * user ("--helpers", "the report"), {@code shown} is the path as the user wrote it.
     */
    static Path requireRegular(Path resolved, String what, Path shown) throws GraftException {
        if (Files.isRegularFile(resolved)) {
            return resolved;
        }
        String is;
        if (Files.isDirectory(resolved)) {
            is = "is a directory";
        } else if (Files.exists(resolved)) {
            is = "is not a regular file";
        } else if (Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
            is = "is a symbolic link to nothing";
        } else {
            is = "does not exist";
        }
        throw GraftException.badInput(what + " " + shown + " " + is);
    }
}
