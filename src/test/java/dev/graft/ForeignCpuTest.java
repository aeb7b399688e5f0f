package dev.graft;

import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.Workbench;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers built for the machine's or a named newer CPU, as published -sys crates build their shims, with a
 * crate on rustc's default CPU: an integer-only helper is compiled as its caller and inlined with no setting;
 * one with an x86 intrinsic, or whose popcount is one instruction only on its CPU (slower in line without it),
 * stays out of line with one line on the output, and inlines with the setting
 * (GRAFT_CALLER_FEATURES_FROM_HELPERS=1 or --caller-features-from-helpers), whatever the CPU's name.
 */
class ForeignCpuTest {

    @TempDir
    Path dir;
    private Workbench bench;

    @BeforeEach
    void setUp() {
        bench = new Workbench(dir);
        Fixtures.copy(dir, "targets", List.of("cpu.c", "cpu.rs", "cpu_driver.c"));
    }

    private GraftRun rustc(String object, Map<String, String> environment, String... options) {
        List<String> args = new ArrayList<>(List.of("rustc", "--helpers", "h.bc", "--report", object + ".json"));
        args.addAll(List.of(options));
        args.addAll(List.of("--", "--crate-type=lib", "-O", "-Cpanic=abort", "--emit=obj=" + object, "cpu.rs"));
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("GRAFT_CACHE_DIR", dir.resolve(".cache").toString());
        return GraftRun.run(dir, env, args.toArray(String[]::new)).succeeded();
    }

    private InliningReport report(String object) throws Exception {
        return ReportJson.read(Files.readString(dir.resolve(object + ".json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "znver4", "sapphirerapids"})
    void integerHelpersInlineWithNoSettingAndIntrinsicsSayWhyInOneLine(String cpu) throws Exception {
        bench.helpers("h.bc", "cpu.c", "-O2", "-march=" + cpu);
        GraftRun run = rustc("plain.o", Map.of());

        InliningReport report = report("plain.o");
        assertThat(report.callSites().total()).isEqualTo(3);
        assertThat(report.notInlined()).hasSize(2).anySatisfy(n -> {
            assertThat(n.callee()).isEqualTo("rust_helper_crc");
            assertThat(n.reason()).contains("the helper calls llvm.x86.sse42.crc32", "--caller-features-from-helpers");
        }).anySatisfy(n -> {
            assertThat(n.callee()).isEqualTo("rust_helper_bits");
            assertThat(n.reason()).contains("+popcnt (the helper's llvm.ctpop.i32 is one popcnt instruction",
                    "--caller-features-from-helpers");
        });
        assertThat(report.reconciliations()).anySatisfy(r -> {
            assertThat(r.function()).isEqualTo("rust_helper_mix");
            assertThat(r.attribute()).isEqualTo("target-cpu/target-features");
            assertThat(r.change()).startsWith("set to mix_all's (was CPU ");
            assertThat(r.reason()).contains("depends on no target feature");
        });
        assertThat(run.err().lines().filter(l -> l.contains("graft")).toList()).singleElement().asString()
                .startsWith("graft: warning: cpu: 2 of 3 helper call sites left out of line; first: ");
        String code = bench.objdump("-dr", "--no-show-raw-insn", dir.resolve("plain.o").toString());
        assertThat(Workbench.functionBody(code, "mix_all")).doesNotContain("rust_helper_mix").doesNotContain("call");
        assertThat(Workbench.functionBody(code, "crc_all")).contains("rust_helper_crc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"native", "znver4", "sapphirerapids"})
    void theSettingInlinesIntrinsicHelpersForEveryCpuName(String cpu) throws Exception {
        bench.helpers("h.bc", "cpu.c", "-O2", "-march=" + cpu);
        GraftRun run = rustc("raised.o", Map.of("GRAFT_CALLER_FEATURES_FROM_HELPERS", "1"));
        assertThat(run.err()).doesNotContain("graft");
        InliningReport report = report("raised.o");
        assertThat(report.callSites().inlined()).as(report.notInlined().toString()).isEqualTo(3);
        assertThat(report.reconciliations()).anySatisfy(r -> {
            assertThat(r.function()).isEqualTo("crc_all");
            assertThat(r.change()).startsWith("CPU x86-64 became ").contains("added", "+sse4.2");
        });
        String code = bench.objdump("-d", "--no-show-raw-insn", dir.resolve("raised.o").toString());
        assertThat(Workbench.functionBody(code, "crc_all")).contains("crc32").doesNotContain("call");
        assertThat(Workbench.functionBody(code, "bits_all")).contains("popcnt").doesNotContain("call");
        // The flag is the same setting.
        rustc("flag.o", Map.of(), "--caller-features-from-helpers");
        assertThat(report("flag.o").callSites().inlined()).isEqualTo(3);
    }

    /** On this machine's CPU the objects run: the grafted program prints what rustc's own build prints. */
    @Test
    void nativeHelpersCompiledAsTheirCallerComputeWhatTheyComputeOutOfLine() throws Exception {
        bench.helpers("h.bc", "cpu.c", "-O2", "-march=native");
        Path clang = bench.toolchain().llvm().clang();
        bench.tool(clang, "-O2", "-march=native", "-c", "cpu.c", "-o", "helpers.o");
        bench.tool(bench.toolchain().rustc().executable(), "--crate-type=lib", "-O", "-Cpanic=abort",
                "--emit=obj=rustc.o", "cpu.rs");
        rustc("plain.o", Map.of());
        rustc("raised.o", Map.of("GRAFT_CALLER_FEATURES_FROM_HELPERS", "1"));
        String expected = program(clang, "rustc", "rustc.o", "helpers.o");
        assertThat(expected).startsWith("mix ");
        assertThat(program(clang, "plain", "plain.o", "helpers.o")).isEqualTo(expected);
        assertThat(program(clang, "raised", "raised.o")).isEqualTo(expected);
    }

    private String program(Path clang, String name, String... objects) throws Exception {
        List<String> args = new ArrayList<>(List.of("cpu_driver.c", "-o", name));
        args.addAll(List.of(objects));
        bench.tool(clang, args.toArray(String[]::new));
        return bench.tool(dir.resolve(name));
    }
}
