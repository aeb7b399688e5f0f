package dev.graft.toolchain;

import java.nio.file.Path;

/** The rustc graft wraps, with what {@code rustc -vV} says about it. */
public record Rustc(Path executable, String release, String hostTriple, LlvmVersion llvmVersion) {
}
