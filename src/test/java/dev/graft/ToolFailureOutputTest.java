package dev.graft;

import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** When clang fails under the tools backend, the user sees its error, not the inliner remarks graft asked for. */
class ToolFailureOutputTest {

    private static final int FUNCTIONS = 300;

    @TempDir
    Path dir;

    @BeforeEach
    void copyFixtures() throws Exception {
        Toolchain toolchain = TestToolchain.require();
        assertThat(toolchain.llvm().clang()).exists();
        Fixtures.copyE2e(dir, List.of("helpers.c", "api.h"));
        StringBuilder crate = new StringBuilder("#![no_std]\n")
                .append("extern \"C\" { fn rust_helper_add(a: i32, b: i32) -> i32; }\n");
        for (int i = 0; i < FUNCTIONS; i++) {
            crate.append("#[no_mangle] pub extern \"C\" fn f").append(i)
                    .append("(a: i32) -> i32 { unsafe { rust_helper_add(a, ").append(i).append(") } }\n");
        }
        Files.writeString(dir.resolve("many.rs"), crate);
    }

    @Test
    void aFullDiskShowsClangsErrorWithoutHundredsOfRemarkLines() throws Exception {
        assertThat(GraftRun.run(dir, "helpers", "-o", "h.bc", "helpers.c", "--", "-O2", "-I.").status()).isZero();
        Path full = Files.createDirectories(dir.resolve("full"));
        assertThat(new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", full.toString())
                .inheritIO().start().waitFor()).as("mounting a small tmpfs (needs root)").isZero();
        try {
            new ProcessBuilder("sh", "-c", "cat /dev/zero > filler 2>/dev/null; true").directory(full.toFile())
                    .start().waitFor();
            GraftRun build = GraftRun.run(dir, "rustc", "--backend", "tools", "--helpers", "h.bc", "--",
                    "--crate-type=lib", "-O", "--emit=obj=full/k.o", "many.rs");
            assertThat(build.status()).as(build.toString()).isIn(1, 2);
            assertThat(build.err()).contains("No space left on device").doesNotContain("remark:")
                    .containsPattern("(?m)^graft: ");
            assertThat(build.err().lines().count()).as(build.err()).isLessThan(25);
        } finally {
            new ProcessBuilder("umount", full.toString()).inheritIO().start().waitFor();
        }
    }
}
