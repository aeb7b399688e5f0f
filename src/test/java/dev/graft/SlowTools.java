package dev.graft;

import dev.graft.toolchain.Toolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Real tools made to stop at a chosen moment, so a test can signal or kill graft while it runs a step:
 * each writes its PID to {@code pidFile} when it gets there, then sleeps.
 */
public final class SlowTools {

    private SlowTools() {
    }

    /**
     * An LLVM installation (for {@code --llvm-dir}) whose clang, when asked to generate an object,
     * first writes part of it and then hangs: the moment a user presses Ctrl-C in a real build.
     */
    public static Path llvmWithHangingCodegen(Path dir, Toolchain toolchain, Path pidFile) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("slow-llvm/bin"));
        try (Stream<Path> tools = Files.list(toolchain.llvm().binDirectory())) {
            for (Path tool : tools.toList()) {
                Files.createSymbolicLink(bin.resolve(tool.getFileName()), tool);
            }
        }
        Files.delete(bin.resolve("clang"));
        script(bin.resolve("clang"), """
                #!/bin/sh
                for a in "$@"; do [ "$prev" = "-o" ] && out=$a; prev=$a; done
                case " $* " in *" -c "*" -Rpass=inline "*)
                  echo $$ > "%s"
                  printf 'partial object' > "$out"
                  exec sleep 60;;
                esac
                exec "%s" "$@"
                """.formatted(pidFile, toolchain.llvm().clang()));
        return dir.resolve("slow-llvm");
    }

    /** A rustc (for {@code RUSTC}) that compiles as the real one does, then hangs before exiting. */
    public static Path rustcThatHangsAfterCompiling(Path dir, Toolchain toolchain, Path pidFile) throws IOException {
        Path rustc = dir.resolve("slow-rustc");
        script(rustc, """
                #!/bin/sh
                case " $* " in *" --emit"*)
                  "%1$s" "$@" || exit $?
                  echo $$ > "%2$s"
                  exec sleep 60;;
                esac
                exec "%1$s" "$@"
                """.formatted(toolchain.rustc().executable(), pidFile));
        return rustc;
    }

    private static void script(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
