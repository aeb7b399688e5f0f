package dev.graft.rustc;

import dev.graft.ExitCode;
import dev.graft.GraftException;
import dev.graft.link.CodegenOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How a {@code --target path.json} becomes code generation options: the file's settings first, the command
 * line's over them, as rustc orders them; a file graft cannot honour is one line, exit 2. (The tree's real
 * specification, against rustc's own reading and objects: Linux72TargetSpecTest.)
 */
class TargetSpecTest {

    @TempDir
    Path dir;

    @Test
    void theFileSetsWhatTheCommandLineDoesNotAndTheCommandLineWins() throws Exception {
        Files.writeString(dir.resolve("t.json"), """
                {"llvm-target": "x86_64-linux-gnu", "cpu": "x86-64-v2", "features": "-mmx,+soft-float",
                 "code-model": "kernel", "relocation-model": "static", "trap-unreachable": false,
                 "function-sections": false, "llvm-args": ["-x86-asm-syntax=att"]}
                """);
        CodegenOptions fromFile = CodegenFlags.read(RustcArgument.split(List.of("--target", "t.json")),
                "aarch64-unknown-linux-gnu", dir);
        assertThat(fromFile).isEqualTo(new CodegenOptions("x86_64-linux-gnu", "0", Optional.of("static"),
                Optional.of("kernel"), Optional.of("x86-64-v2"), List.of("-mmx", "+soft-float"), false,
                List.of("-x86-asm-syntax=att"), false));

        CodegenOptions overridden = CodegenFlags.read(RustcArgument.split(List.of("--target=t.json",
                "-Ccode-model=small", "-Crelocation-model=pic", "-Ctarget-cpu=x86-64", "-Ctarget-feature=-sse",
                "-Zfunction-sections=y", "-Ztrap-unreachable=y")), "aarch64-unknown-linux-gnu", dir);
        assertThat(overridden).isEqualTo(new CodegenOptions("x86_64-linux-gnu", "0", Optional.of("pic"),
                Optional.of("small"), Optional.of("x86-64"), List.of("-mmx", "+soft-float", "-sse"), true,
                List.of("-x86-asm-syntax=att"), true));
    }

    @Test
    void keysLeftOutAreRustcsDefaults() throws Exception {
        Files.writeString(dir.resolve("min.json"), "{\"llvm-target\": \"x86_64-linux-gnu\"}");
        TargetSpec spec = TargetSpec.read(dir, "min.json");
        assertThat(spec).isEqualTo(new TargetSpec(dir.resolve("min.json"), "x86_64-linux-gnu", Optional.empty(),
                List.of(), List.of(), Optional.empty(), "pic", true, true));
    }

    @Test
    void aFileGraftCannotHonourIsBadInput() throws Exception {
        Files.writeString(dir.resolve("abi.json"), "{\"llvm-target\": \"riscv64\", \"llvm-abiname\": \"lp64d\"}");
        Files.writeString(dir.resolve("none.json"), "{\"arch\": \"x86_64\"}");
        Files.writeString(dir.resolve("bad.json"), "{\"llvm-target\": ");
        for (String file : List.of("abi.json", "none.json", "bad.json", "missing.json")) {
            assertThatThrownBy(() -> TargetSpec.read(dir, file)).as(file).isInstanceOf(GraftException.class)
                    .satisfies(e -> assertThat(((GraftException) e).status()).isEqualTo(ExitCode.BAD_INPUT.status()))
                    .hasMessageContaining(file).hasMessageNotContaining("\n");
        }
    }
}
