package dev.graft.cargo;

import dev.graft.testkit.GraftProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An executable named {@code graft} that runs the graft under test (the classes Maven built): what
 * cargo's {@code RUSTC_WRAPPER} and rustc's {@code -C linker} need, a program path, not a command line.
 */
final class GraftScript {

    private GraftScript() {
    }

    static Path write(Path directory) {
        List<String> argv = new ArrayList<>(GraftProcess.argv());
        argv.addAll(1, List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        return write(directory, argv);
    }

    /** The same for graft run as {@code argv} says (a {@link dev.graft.testkit.BothWays} way, say). */
    static Path write(Path directory, List<String> argv) {
        Path script = directory.resolve("bin").resolve("graft");
        String command = argv.stream().map(GraftScript::quote).collect(Collectors.joining(" "));
        try {
            Files.createDirectories(script.getParent());
            Files.writeString(script, "#!/bin/sh\nexec " + command + " \"$@\"\n");
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
