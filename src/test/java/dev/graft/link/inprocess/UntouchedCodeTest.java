package dev.graft.link.inprocess;

import dev.graft.process.Command;
import dev.graft.testkit.Checked;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * graft's in-process pipeline cleans up only the functions it inlined something into ({@link InlineSteps}):
 * every other function of the crate keeps, instruction for instruction, the machine code rustc alone gives
 * it, while the callers of helpers lose their calls. Decided from the two objects' disassembly.
 */
class UntouchedCodeTest {

    @TempDir
    Path dir;

    private static final int FUNCTIONS = 40;

    /** Functions with loops rustc vectorises and unrolls; every tenth calls a helper. */
    private static String crate() {
        StringBuilder rs = new StringBuilder("#![no_std]\nextern \"C\" { fn rust_helper_scale(x: i32) -> i32; }\n");
        for (int i = 0; i < FUNCTIONS; i++) {
            String result = i % 10 == 0 ? "unsafe { rust_helper_scale(acc) }" : "acc";
            rs.append("#[no_mangle]\npub unsafe extern \"C\" fn work_").append(i)
                    .append("(v: *const i32, n: usize, k: i32) -> i32 {\n")
                    .append("    let v = core::slice::from_raw_parts(v, n);\n")
                    .append("    let mut acc: i32 = ").append(i).append(";\n")
                    .append("    for (j, x) in v.iter().enumerate() {\n")
                    .append("        if (*x ^ k) & ").append(i % 7 + 1).append(" == 0 { acc = acc.wrapping_mul(")
                    .append(i + 3).append(").wrapping_add(*x); }\n")
                    .append("        else if j % ").append(i % 5 + 2).append(" == 0 { acc = acc.rotate_left(")
                    .append(i % 13 + 1).append(") ^ *x; }\n")
                    .append("        else { acc = acc.wrapping_sub(x.wrapping_mul(k)); }\n    }\n")
                    .append("    let acc = ").append(result).append(";\n    acc.wrapping_add(v.len() as i32)\n}\n");
        }
        return rs.toString();
    }

    private String disassembly(Toolchain toolchain, Path object, String function) throws Exception {
        String text = Checked.run(Command.of(toolchain.llvm().llvmObjdump(), "-dr", "--no-show-raw-insn",
                "--disassemble-symbols=" + function, object.toString())).stdout();
        // Addresses differ between the objects (other functions changed size); instructions must not.
        List<String> instructions = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.matches("^\\s+[0-9a-f]+:.*")) {
                instructions.add(line.replaceFirst("^\\s+[0-9a-f]+:\\s*", "").replaceAll("0x[0-9a-f]+ <[^>]*>", "<target>"));
            }
        }
        return String.join("\n", instructions);
    }

    @Test
    void functionsThatCallNoHelperKeepRustcsMachineCode() throws Exception {
        Toolchain toolchain = TestToolchain.require();
        Files.writeString(dir.resolve("lib.rs"), crate());
        Files.writeString(dir.resolve("h.c"), "int rust_helper_scale(int x) { return x * 3 + 1; }\n");
        assertThat(GraftRun.run(dir, "helpers", "-o", "h.bc", "h.c", "--", "-O2").status()).isZero();
        List<String> rustcArgs = List.of("--crate-type=lib", "--crate-name=untouched", "--edition=2021",
                "-Copt-level=2", "-Cpanic=abort");
        List<String> plain = new ArrayList<>(rustcArgs);
        plain.addAll(List.of("--emit=obj=plain.o", "lib.rs"));
        Checked.run(Command.of(toolchain.rustc().executable(), plain).inDirectory(dir));
        List<String> graft = new ArrayList<>(List.of("rustc", "--helpers", "h.bc", "--"));
        graft.addAll(rustcArgs);
        graft.addAll(List.of("--emit=obj=graft.o", "lib.rs"));
        GraftRun run = GraftRun.run(dir, graft.toArray(String[]::new));
        assertThat(run.status()).as(run.toString()).isZero();

        for (int i = 0; i < FUNCTIONS; i++) {
            String function = "work_" + i;
            String fromRustc = disassembly(toolchain, dir.resolve("plain.o"), function);
            String fromGraft = disassembly(toolchain, dir.resolve("graft.o"), function);
            assertThat(fromRustc).as(function + " in rustc's object").isNotEmpty();
            if (i % 10 == 0) {
                assertThat(fromRustc).as(function + " calls its helper in rustc's object").contains("rust_helper_scale");
                assertThat(fromGraft).as(function + " has its helper inlined").doesNotContain("rust_helper_scale");
            } else {
                assertThat(fromGraft).as(function + ", which calls no helper").isEqualTo(fromRustc);
            }
        }
    }
}
