package dev.graft.toolchain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** $RUSTC is the rustc graft runs only when it names a rustc: never graft, never a command line. */
class RustcFromEnvironmentTest {

    @TempDir
    Path dir;

    @Test
    void aCommandLineInRustcIsNotARustc() {
        assertThat(ToolchainLocator.rustcFromEnvironment(Map.of("RUSTC", "graft rustc --helpers h.bc --"))).isEmpty();
    }

    @Test
    void graftIsNeverItsOwnRustc() throws Exception {
        assertThat(ToolchainLocator.rustcFromEnvironment(Map.of("RUSTC", "/usr/local/bin/graft"))).isEmpty();
        Path launcher = Files.writeString(dir.resolve("graft"), "#!/bin/sh\n");
        Path renamed = Files.createSymbolicLink(dir.resolve("my-rustc"), launcher);
        assertThat(ToolchainLocator.rustcFromEnvironment(Map.of("RUSTC", renamed.toString(),
                "GRAFT_HOME", dir.toString()))).isEmpty();
    }

    @Test
    void aRealRustcIsUsed() {
        assertThat(ToolchainLocator.rustcFromEnvironment(Map.of("RUSTC", "/opt/rust/bin/rustc")))
                .contains(Path.of("/opt/rust/bin/rustc"));
        assertThat(ToolchainLocator.rustcFromEnvironment(Map.of())).isEmpty();
    }
}
