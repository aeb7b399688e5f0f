package dev.graft.cargo;

import dev.graft.testkit.GraftProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Collectors;

/**
 * An executable named {@code graft} that runs the graft under test (the classes Maven built): what
 * cargo's {@code RUSTC_WRAPPER} and rustc's {@code -C linker} need, a program path, not a command line.
 */
final class GraftScript {

    private GraftScript() {
    }

    static Path write(Path directory) {
        Path script = directory.resolve("bin").resolve("graft");
        String command = GraftProcess.argv().stream().map(GraftScript::quote).collect(Collectors.joining(" "));
        try {
            Files.createDirectories(script.getParent());
            Files.writeString(script, "#!/bin/sh\nexec " + command.replaceFirst("^(\\S+) ",
                    "$1 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ") + " \"$@\"\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return script;
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
