package dev.graft;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.testkit.Checked;
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

/**
 * An alwaysinline helper skips LLVM's target check: measured, an SSE4.2 intrinsic inlined into a caller
 * without SSE4.2 stops LLVM's code generation ("Cannot select"). graft keeps such calls out of line, whether
 * the helper was written always_inline or wraps an always_inline function, and inlines them once the caller
 * has the features (the fix the report names, or --caller-features-from-helpers).
 */
class AlwaysInlineGuardTest {

    @TempDir
    Path dir;
    private Toolchain toolchain;

    @BeforeEach
    void setUp() {
        toolchain = TestToolchain.require();
        Fixtures.copy(dir, "always-inline", List.of("crc.c", "crc.rs"));
        GraftRun run = GraftRun.run(dir, "helpers", "-o", "h.bc", "crc.c", "--", "-O2", "-msse4.2");
        run.succeeded();
        assertThat(run.out()).contains("@rust_helper_crc_wrapped calls always_inline @crc_step")
                .doesNotContain("@rust_helper_add calls");
    }

    @Test
    void keepsAlwaysInlineHelpersWhoseCodeNeedsMissingFeaturesOutOfLine() throws Exception {
        InliningReport report = build("plain.o");
        // -msse4.2 also brings +crc32; the plain integer helper depends on neither and is compiled as its caller
        assertThat(report.notInlined()).extracting(InliningReport.NotInlined::callee)
                .containsExactlyInAnyOrder("rust_helper_crc_wrapped", "rust_helper_crc_forced");
        assertThat(report.reconciliations()).anySatisfy(r -> {
            assertThat(r.function()).isEqualTo("rust_helper_add");
            assertThat(r.attribute()).isEqualTo("target-cpu/target-features");
            assertThat(r.reason()).contains("depends on no target feature");
        });
        assertThat(report.notInlined()).allSatisfy(n -> assertThat(n.reason()).contains("+crc32",
                "-Ctarget-feature=", "--caller-features-from-helpers"));
        assertThat(report.notInlined()).filteredOn(n -> n.callee().contains("crc")).allSatisfy(n -> assertThat(
                n.reason()).contains("graft kept it out of line although inlining was asked for (always_inline)",
                "+sse4.2"));
        assertThat(report.reconciliations()).anySatisfy(r -> {
            assertThat(r.function()).isEqualTo("rust_helper_crc_wrapped");
            assertThat(r.attribute()).isEqualTo("alwaysinline");
        });
        assertThat(disassembly("plain.o")).contains("crc32");
    }

    @Test
    void inlinesThemIntoCallersThatGainTheFeatures() throws Exception {
        InliningReport report = build("raised.o", "--caller-features-from-helpers");
        assertThat(report.allInlined()).as(report.notInlined().toString()).isTrue();
        assertThat(report.reconciliations()).anySatisfy(r -> {
            assertThat(r.function()).isEqualTo("crc_both");
            assertThat(r.change()).contains("added", "+sse4.2");
        });
        assertThat(disassembly("raised.o")).contains("crc32").doesNotContain("rust_helper_crc");
    }

    private InliningReport build(String object, String... options) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("rustc", "--helpers", "h.bc", "--report",
                object + ".json"));
        args.addAll(List.of(options));
        args.addAll(List.of("--", "--crate-type=lib", "-Copt-level=2", "-Cpanic=abort", "--emit=obj=" + object,
                "crc.rs"));
        GraftRun run = GraftRun.run(dir, args.toArray(String[]::new));
        run.succeeded();
        return ReportJson.read(Files.readString(dir.resolve(object + ".json")));
    }

    private String disassembly(String object) throws Exception {
        CommandResult r = Checked.run(Command.of(toolchain.llvm().llvmObjdump(), "-dr",
                "--no-show-raw-insn", object).inDirectory(dir));
        return r.stdout();
    }
}
