package dev.graft.toolchain;

import dev.graft.process.Command;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Checked;
import dev.graft.testkit.TestToolchain;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-process backend runs on rustc's own libLLVM where rustc's sysroot ships one (rustup's toolchains
 * do): the LLVM that wrote the crate's bitcode. A given --llvm-dir keeps its own libLLVM, and the toolchain's
 * fingerprint (which decides whether a warm server serves a request) names the one chosen.
 */
class RustcsLibLlvmTest {

    private final ProcessRunner runner = new ProcessRunner(Optional.empty());

    @Test
    void rustcsSysrootLibLlvmWhenItShipsOne() throws Exception {
        Toolchain toolchain = TestToolchain.require();
        Path sysroot = Path.of(Checked.run(Command.of(toolchain.rustc().executable(), "--print", "sysroot"))
                .stdout().strip());
        List<Path> shipped;
        try (Stream<Path> files = Files.list(sysroot.resolve("lib"))) {
            shipped = files.filter(f -> f.getFileName().toString().startsWith(
                    "libLLVM.so." + toolchain.rustc().llvmVersion().major() + ".")).toList();
        }
        Toolchain located = new ToolchainLocator(runner, System.getenv(), Optional.empty()).locate();
        if (shipped.isEmpty()) {
            assertThat(located.llvm().libLlvm()).as("no libLLVM in " + sysroot + ": the LLVM installation's")
                    .isEqualTo(toolchain.llvm().libLlvm());
        } else {
            assertThat(located.llvm().libLlvm()).as("rustc's own").contains(shipped.getFirst());
        }
        assertThat(located.fingerprint()).contains(located.llvm().libLlvm().map(Path::toString).orElse(""));
    }

    @Test
    void aGivenLlvmDirectoryKeepsItsOwnLibLlvm() throws Exception {
        Toolchain toolchain = TestToolchain.require();
        Path installation = toolchain.llvm().binDirectory().getParent();
        Toolchain located = new ToolchainLocator(runner, Map.copyOf(System.getenv()), Optional.of(installation))
                .locate();
        assertThat(located.llvm().libLlvm()).isPresent();
        assertThat(located.llvm().libLlvm().get().toString()).doesNotContain("-rust-");
    }
}
