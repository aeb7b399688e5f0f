package dev.graft;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftProcess;
import dev.graft.testkit.TestToolchain;
import dev.graft.testkit.Workbench;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inline assembly on both sides of the link. The in-process backend once stopped the whole process
 * here ("Inline asm not supported by this streamer"): it had not initialised the target's assembly
 * parser, and no helper written for the tests had an asm statement. Run in a separate JVM, as a build
 * runs graft, so an abort shows as an exit status instead of taking the test run down with it.
 */
class InlineAssemblyTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void inlinesHelpersWithInlineAssemblyIntoACrateWithItsOwn(String backend) throws Exception {
        Toolchain toolchain = TestToolchain.require();
        Fixtures.copy(dir, "asm", List.of("asm_helpers.c", "asm_crate.rs"));
        graft("helpers", "-o", "h.bc", "asm_helpers.c", "--", "-O2");
        graft("rustc", "--backend", backend, "--helpers", "h.bc", "--report", "r.json", "--", "--edition=2024",
                "-Copt-level=2", "--emit=obj=asm.o", "asm_crate.rs");

        InliningReport report = ReportJson.read(Files.readString(dir.resolve("r.json")));
        assertThat(report.callSites().total()).isEqualTo(4);
        assertThat(report.allInlined()).as(report.toString()).isTrue();
        String disassembly = run(toolchain.llvm().llvmObjdump(), "-d", "--no-show-raw-insn", "asm.o");
        assertThat(disassembly).contains("rdtsc", "pause", "mfence", "lock", "xaddl", "<graft_asm_marker>:",
                "<naked_forty_two>:").doesNotContain("call");
    }

    private void graft(String... args) throws Exception {
        CommandResult result = ProcessRunner.quiet().run(new Command(GraftProcess.argv(args),
                java.util.Optional.of(dir), java.util.Map.of("GRAFT_CACHE_DIR", dir.resolve(".cache").toString()),
                Command.DEFAULT_TIMEOUT));
        assertThat(result.exitCode()).as(result.command().render() + "\n" + result.stderr()).isZero();
    }

    private String run(Path tool, String... args) throws Exception {
        return new Workbench(dir).tool(tool, args);
    }
}
