package dev.graft.corpus;

import dev.graft.ExitCode;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DPDK's own inline functions (Debian's dpdk-dev), one generated wrapper each, called by a Rust crate
 * (corpus/dpdk): DPDK compiles for -march=corei7, rustc for x86-64, and its rings are always_inline.
 * Each build runs the program; its output must equal the C program's, which calls the inline functions
 * directly. DPDK's EAL is never initialised: rings, mbufs, locks and counters live in plain memory.
 */
class DpdkHelpersTest {

    @TempDir
    static Path dir;

    private static Toolchain toolchain;
    private static DpdkCorpus corpus;
    private static GraftRun helpers;
    private static String expected;

    @BeforeAll
    static void buildHelpersAndTheCProgram() throws Exception {
        toolchain = TestToolchain.require();
        corpus = DpdkCorpus.require();
        List<String> args = new ArrayList<>(List.of("helpers", "--verbose", "-o", "helpers.bc",
                corpus.wrappers().toString(), "--"));
        args.addAll(corpus.cflags());
        args.add("-O2");
        helpers = GraftRun.run(dir, args.toArray(String[]::new));
        helpers.succeeded();
        List<String> c = new ArrayList<>(corpus.cflags());
        c.addAll(List.of("-O2", "-o", "c_program", corpus.cSource().toString(), corpus.cMain().toString()));
        c.addAll(corpus.libs());
        run(toolchain.llvm().clang(), c);
        expected = run(dir.resolve("c_program"), List.of());
        assertThat(expected).contains("enqueue_bulk 32 free 991", "memcpy checksum", "tsc advances 1");
    }

    @Test
    void graftHelpersMarksExactlyTheWrappersOfAlwaysInlineFunctions() {
        assertThat(helpers.out()).contains("50 helpers",
                "@rte_ring_enqueue_bulk__extern calls always_inline @rte_ring_enqueue_bulk",
                "@rte_ring_dequeue_burst__extern calls always_inline @rte_ring_dequeue_burst",
                "@rte_memcpy__extern calls always_inline @rte_memcpy");
        // static inline, not always_inline, in DPDK: left to the inliner's cost model
        assertThat(helpers.out()).doesNotContain("@rte_pktmbuf_headroom__extern", "@rte_spinlock_lock__extern");
    }

    @Test
    void thePlainBuildPrintsWhatTheCProgramPrints() throws Exception {
        run(toolchain.llvm().clang(), withCflags("-O2", "-c", "-o", "wrappers.o", corpus.wrappers().toString()));
        rustc("--edition=2021", "--crate-type=lib", "-O", "--emit=obj=plain.o", crate("dpdk_calls.rs"));
        assertThat(program("plain", "plain.o", "wrappers.o")).isEqualTo(expected);
    }

    @Test
    void onRustcsDefaultCpuEveryCallLeftOutOfLineNamesTheFlagThatMatchesTheHelpers() throws Exception {
        InliningReport report = graftRustc("default", "inprocess");
        assertThat(report.callSites().total()).isEqualTo(98);
        assertThat(report.notInlined()).isNotEmpty().allSatisfy(n -> assertThat(n.reason())
                .contains("-Ctarget-cpu=corei7", "--caller-features-from-helpers"));
        // the rings are always_inline, but have inline assembly built for corei7: kept out of line soundly
        assertThat(report.notInlined()).anySatisfy(n -> {
            assertThat(n.callee()).isEqualTo("rte_ring_enqueue_bulk__extern");
            assertThat(n.reason()).contains("graft kept it out of line", "inline assembly");
        });
        assertThat(program("default", "default.o")).isEqualTo(expected);
    }

    @Test
    void callerFeaturesFromHelpersInlinesEveryCallSiteAndSaysWhichCallersChanged() throws Exception {
        InliningReport report = graftRustc("raised", "inprocess", "--caller-features-from-helpers");
        assertThat(report.allInlined()).as(report.notInlined().toString()).isTrue();
        assertThat(report.callSites().inlined()).isEqualTo(98);
        assertThat(report.reconciliations()).anySatisfy(r -> {
            assertThat(r.function()).isEqualTo("dpdk_hot_loop");
            assertThat(r.attribute()).isEqualTo("target-cpu/target-features");
            assertThat(r.change()).contains("CPU x86-64 became corei7", "added", "+sse4.2");
            assertThat(r.reason()).contains("--caller-features-from-helpers", "corei7");
        });
        assertThat(report.reconciliations()).anySatisfy(r -> {
            assertThat(r.function()).isEqualTo("rte_ring_dequeue_burst__extern");
            assertThat(r.attribute()).isEqualTo("alwaysinline");
            assertThat(r.reason()).contains("always_inline rte_ring_dequeue_burst");
        });
        assertThat(disassembly("raised.o")).doesNotContain("__extern");
        assertThat(program("raised", "raised.o")).isEqualTo(expected);
    }

    @Test
    void theFlagTheReportNamesInlinesEveryCallSiteToo() throws Exception {
        InliningReport report = graftRustc("corei7", "inprocess", "-Ctarget-cpu=corei7");
        assertThat(report.allInlined()).as(report.notInlined().toString()).isTrue();
        assertThat(program("corei7", "corei7.o")).isEqualTo(expected);
    }

    @Test
    void theToolsBackendLeavesAlwaysInlineIntentToTheCostModel() throws Exception {
        InliningReport report = graftRustc("tools", "tools", "-Ctarget-cpu=corei7");
        assertThat(report.callSites().total()).isEqualTo(98);
        assertThat(report.notInlined()).isNotEmpty().allSatisfy(n -> {
            assertThat(n.callee()).matches("rte_(ring|memcpy).*");
            assertThat(n.reason()).contains("too costly to inline");
        });
        assertThat(program("tools", "tools.o")).isEqualTo(expected);
        InliningReport plainCpu = graftRustc("tools_default", "tools");
        assertThat(plainCpu.notInlined()).allSatisfy(n -> assertThat(n.reason()).isNotBlank());
        assertThat(program("tools_default", "tools_default.o")).isEqualTo(expected);
    }

    @Test
    void callerFeaturesFromHelpersNeedsTheInProcessBackend() throws Exception {
        GraftRun run = GraftRun.run(dir, "rustc", "--backend", "tools", "--caller-features-from-helpers",
                "--helpers", "helpers.bc", "--", "--crate-type=lib", "--emit=obj=x.o", crate("dpdk_calls.rs"));
        run.failedWith(ExitCode.BAD_INPUT);
        assertThat(run.err()).startsWith("graft: --caller-features-from-helpers needs --backend inprocess");
    }

    private static InliningReport graftRustc(String name, String backend, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("rustc", "--backend", backend, "--helpers", "helpers.bc",
                "--report", name + ".json"));
        List<String> rustcArgs = new ArrayList<>(List.of("--edition=2021", "--crate-type=lib", "-O",
                "--emit=obj=" + name + ".o", crate("dpdk_calls.rs")));
        for (String e : extra) {
            (e.startsWith("-C") ? rustcArgs : args).add(e);
        }
        args.add("--");
        args.addAll(rustcArgs);
        GraftRun run = GraftRun.run(dir, args.toArray(String[]::new));
        run.succeeded();
        InliningReport report = ReportJson.read(Files.readString(dir.resolve(name + ".json")));
        for (InliningReport.HelperOutcome h : report.perHelper()) {
            if (!h.fullyInlined()) {
                assertThat(report.notInlined()).as("a reason for " + h.helper())
                        .anySatisfy(n -> assertThat(n.callee()).isEqualTo(h.helper()));
            }
        }
        assertThat(report.notInlined()).allSatisfy(n -> assertThat(n.reason()).isNotBlank());
        return report;
    }

    /** Links the driver with {@code objects} and the DPDK libraries, runs it, returns its output. */
    private static String program(String name, String... objects) throws Exception {
        List<String> args = new ArrayList<>(List.of("--edition=2021", "-O", "-o", name, crate("main.rs")));
        for (String o : objects) {
            args.add("-Clink-arg=" + dir.resolve(o));
        }
        corpus.libs().forEach(l -> args.add("-Clink-arg=" + l));
        rustc(args.toArray(String[]::new));
        return run(dir.resolve(name), List.of());
    }

    private static void rustc(String... args) throws Exception {
        run(toolchain.rustc().executable(), List.of(args));
    }

    private static String disassembly(String object) throws Exception {
        return run(toolchain.llvm().llvmObjdump(), List.of("-dr", object));
    }

    private static String crate(String file) {
        return corpus.crate().resolve(file).toString();
    }

    private static List<String> withCflags(String... more) {
        List<String> args = new ArrayList<>(corpus.cflags());
        args.addAll(List.of(more));
        return args;
    }

    private static String run(Path program, List<String> args) throws Exception {
        CommandResult r = ProcessRunner.quiet().run(Command.of(program, args).inDirectory(dir)
                .withEnvironment(Map.of()));
        assertThat(r.exitCode()).as(r.command().render() + "\n" + r.stdout() + r.stderr()).isZero();
        return r.stdout();
    }
}
