package dev.graft.server;

import dev.graft.toolchain.Toolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Real tools with one stand-in that never finishes, so a test can stop graft in the middle of a step:
 * the stand-in answers version questions as the real tool, and otherwise writes its pid to a marker
 * file and sleeps. Everything else is the real toolchain.
 */
final class SlowTools {

    private SlowTools() {
    }

    /** An LLVM directory whose clang hangs; every other tool and libLLVM are the real ones. */
    static Path llvmWithSlowClang(Toolchain toolchain, Path directory, Path marker) throws IOException {
        Path bin = Files.createDirectories(directory.resolve("bin"));
        Path real = toolchain.llvm().binDirectory();
        for (String tool : List.of("llvm-link", "llvm-as", "llvm-dis", "llvm-nm", "llvm-objdump")) {
            Files.createSymbolicLink(bin.resolve(tool), real.resolve(tool));
        }
        Path lib = Files.createDirectories(directory.resolve("lib"));
        try (var list = Files.list(real.getParent().resolve("lib"))) {
            for (Path libLlvm : list.filter(p -> p.getFileName().toString().matches("libLLVM(\\.so|-).*")).toList()) {
                Files.createSymbolicLink(lib.resolve(libLlvm.getFileName()), libLlvm);
            }
        }
        hanging(bin.resolve("clang"), real.resolve("clang"), "--version", marker);
        return directory;
    }

    /** A rustc that hangs when compiling; {@code -vV} is answered by the real one. */
    static Path slowRustc(Toolchain toolchain, Path file, Path marker) throws IOException {
        return hanging(file, toolchain.rustc().executable(), "-vV", marker);
    }

    private static Path hanging(Path file, Path real, String versionFlag, Path marker) throws IOException {
        Files.writeString(file, """
                #!/bin/sh
                for a in "$@"; do [ "$a" = "%s" ] && exec "%s" "$@"; done
                echo $$ > "%s.tmp" && mv "%s.tmp" "%s"
                exec sleep 300
                """.formatted(versionFlag, real, marker, marker, marker));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** The pid the stand-in wrote, once it has. */
    static long pid(Path marker) throws IOException {
        return Long.parseLong(Files.readString(marker).strip());
    }
}
