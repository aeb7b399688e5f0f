package dev.graft;

import dev.graft.demo.KernelFlags;
import dev.graft.helpers.HelperFlags;
import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftProcess;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.TestToolchain;
import dev.graft.testkit.Workbench;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The in-process backend held against the tools backend on the same inputs. */
class InProcessBackendTest {

    private static final Path PROJECT = Fixtures.PROJECT;
    private static final Path KERNEL_HELPERS = Fixtures.KERNEL_HELPERS;
    private static final List<String> WORKLOADS = List.of("refcount_inc", "refcount_dec_and_test", "is_err",
            "list_churn", "bitops", "spinlock", "mixed");

    @TempDir
    Path dir;
    private Toolchain toolchain;

    @BeforeEach
    void setUp() {
        toolchain = TestToolchain.require();
        assertThat(toolchain.llvm().libLlvm()).as("libLLVM of LLVM " + toolchain.llvm().version().major())
                .isPresent();
        Fixtures.copyE2e(dir, List.of("helpers.c", "api.h", "uses_helpers.rs"));
    }

    private void helpers(String output, Path source, String... flags) {
        List<String> args = new ArrayList<>(List.of("helpers", "-o", output, source.toString(), "--"));
        args.addAll(Arrays.asList(flags));
        GraftRun run = GraftRun.run(dir, args.toArray(String[]::new));
        run.succeeded();
    }

    private InliningReport build(String backend, String helpers, String object, String... rustc) throws Exception {
        List<String> args = new ArrayList<>(List.of("rustc", "--backend", backend, "--helpers", helpers, "--report",
                object + ".json", "--"));
        args.addAll(Arrays.asList(rustc));
        args.add("--emit=obj=" + object);
        GraftRun run = GraftRun.run(dir, args.toArray(String[]::new));
        run.succeeded();
        return ReportJson.read(Files.readString(dir.resolve(object + ".json")));
    }

    private String run(Path tool, String... args) throws Exception {
        return new Workbench(dir).tool(tool, args);
    }

    private Set<String> exportedSymbols(String object) throws Exception {
        return new TreeSet<>(run(toolchain.llvm().llvmNm(), "--defined-only", "--extern-only", "-j", object).lines()
                .toList());
    }

    @Test
    void theDemoCrateBuildsToTheSameProgramWithBothBackends() throws Exception {
        helpers("k.bc", KERNEL_HELPERS.resolve("helpers.c"), "-O2", "-fno-delete-null-pointer-checks",
                "-fno-strict-aliasing", "-I" + KERNEL_HELPERS.resolve("include"));
        String[] crate = {"--crate-type=lib", "--crate-name=khelpers_demo", "--edition=2021", "-Copt-level=2",
                "-Cpanic=abort", KERNEL_HELPERS.resolve("crate/lib.rs").toString()};
        InliningReport tools = build("tools", "k.bc", "tools.o", crate);
        InliningReport inprocess = build("inprocess", "k.bc", "inprocess.o", crate);

        assertThat(inprocess.backend()).isEqualTo("inprocess");
        assertThat(inprocess.callSites().total()).isEqualTo(tools.callSites().total());
        assertThat(inprocess.callSites().inlined()).isGreaterThanOrEqualTo(tools.callSites().inlined())
                .isEqualTo(inprocess.callSites().total());
        assertThat(exportedSymbols("inprocess.o")).isEqualTo(exportedSymbols("tools.o"));

        String driver = KERNEL_HELPERS.resolve("main.c").toString();
        String include = "-I" + KERNEL_HELPERS.resolve("include");
        run(toolchain.llvm().clang(), "-O2", include, driver, "tools.o", "-o", "app-tools");
        run(toolchain.llvm().clang(), "-O2", include, driver, "inprocess.o", "-o", "app-inprocess");
        // Each program checks every result against the C reference and exits 1 on a mismatch.
        assertThat(run(dir.resolve("app-inprocess"), "1000")).isEqualTo(run(dir.resolve("app-tools"), "1000"));
    }

    @Test
    void theBenchmarkProgramComputesTheSameWithBothBackends() throws Exception {
        List<String> cflags = new ArrayList<>(HelperFlags.readFile(KERNEL_HELPERS.resolve("cflags")));
        cflags.add("-I" + KERNEL_HELPERS.resolve("include"));
        List<String> helperArgs = new ArrayList<>(List.of("helpers", "-o", "w.bc",
                KERNEL_HELPERS.resolve("helpers.c").toString(), "--"));
        helperArgs.addAll(cflags);
        assertThat(GraftRun.run(dir, helperArgs.toArray(String[]::new)).status()).isZero();
        Map<String, InliningReport> reports = new LinkedHashMap<>();
        for (String backend : List.of("tools", "inprocess")) {
            reports.put(backend, build(backend, "w.bc", backend + "-w.o", "--crate-type=lib",
                    "--crate-name=workloads", "--edition=2021", "-Copt-level=2", "-Cpanic=abort",
                    PROJECT.resolve("bench/workloads/workloads.rs").toString()));
            List<String> link = new ArrayList<>(cflags);
            link.addAll(List.of("-no-pie", "-o", backend + "-bench", PROJECT.resolve("bench/workloads/driver.c")
                    .toString(), backend + "-w.o"));
            run(toolchain.llvm().clang(), link.toArray(String[]::new));
        }
        assertThat(reports.get("inprocess").callSites().inlined())
                .isGreaterThanOrEqualTo(reports.get("tools").callSites().inlined())
                .isEqualTo(reports.get("inprocess").callSites().total());
        assertThat(exportedSymbols("inprocess-w.o")).isEqualTo(exportedSymbols("tools-w.o"));
        for (String workload : WORKLOADS) {
            // Each prints its time and a checksum of what it computed: the checksums must agree.
            String tools = run(dir.resolve("tools-bench"), workload, "100000").split(" ")[1];
            assertThat(run(dir.resolve("inprocess-bench"), workload, "100000").split(" ")[1]).as(workload)
                    .isEqualTo(tools);
        }
    }

    @Test
    void withKernelFlagsInProcessInlinesAtLeastWhatTheToolsInlineAndExportsTheSame() throws Exception {
        List<String> args = new ArrayList<>(List.of("helpers", "-o", "k.bc", "--cflags-file",
                KERNEL_HELPERS.resolve("kernel-cflags").toString(), KERNEL_HELPERS.resolve("helpers.c").toString(),
                "--", "-I" + KERNEL_HELPERS.resolve("include")));
        assertThat(GraftRun.run(dir, args.toArray(String[]::new)).status()).isZero();
        Map<String, InliningReport> reports = new LinkedHashMap<>();
        for (String backend : List.of("tools", "inprocess")) {
            List<String> graft = new ArrayList<>(List.of("rustc", "--backend", backend, "--helpers", "k.bc",
                    "--report", backend + ".json", "--", "--crate-type=lib", "--crate-name=khelpers_demo",
                    "--edition=2021"));
            graft.addAll(KernelFlags.RUST);
            graft.addAll(List.of("--emit=obj=" + backend + "-k.o", KERNEL_HELPERS.resolve("crate/lib.rs").toString()));
            GraftRun run = GraftRun.run(dir, Map.of("RUSTC_BOOTSTRAP", "1", "GRAFT_CACHE_DIR",
                    dir.resolve(".cache").toString()), graft.toArray(String[]::new));
            run.succeeded();
            reports.put(backend, ReportJson.read(Files.readString(dir.resolve(backend + ".json"))));
        }
        // The tools backend is the kernel's way: no reconciliation, so "no-builtin-wcslen" stops it.
        assertThat(reports.get("tools").callSites().inlined()).isLessThan(reports.get("tools").callSites().total());
        assertThat(reports.get("inprocess").allInlined()).isTrue();
        // The crate's own symbols agree; only the tools' object keeps (weak) helper copies it could not drop.
        Set<String> crateSymbols = new TreeSet<>(exportedSymbols("tools-k.o"));
        crateSymbols.removeIf(symbol -> symbol.startsWith("rust_helper_"));
        assertThat(exportedSymbols("inprocess-k.o")).isEqualTo(crateSymbols).isNotEmpty();
    }

    @Test
    void fullOptimisationAndOptLevelZeroAgreeWithTheTools() throws Exception {
        helpers("h.bc", dir.resolve("helpers.c"), "-O2", "-I.");
        List<String> args = new ArrayList<>(List.of("rustc", "--backend", "inprocess", "--opt", "full", "--helpers",
                "h.bc", "--report", "full.json", "--", "--crate-type=lib", "-O", "--emit=obj=full.o",
                "uses_helpers.rs"));
        assertThat(GraftRun.run(dir, args.toArray(String[]::new)).status()).isZero();
        assertThat(ReportJson.read(Files.readString(dir.resolve("full.json"))).allInlined()).isTrue();

        InliningReport tools0 = build("tools", "h.bc", "t0.o", "--crate-type=lib", "uses_helpers.rs");
        InliningReport inprocess0 = build("inprocess", "h.bc", "i0.o", "--crate-type=lib", "uses_helpers.rs");
        assertThat(inprocess0.callSites()).isEqualTo(tools0.callSites());
        assertThat(inprocess0.helperSymbolsInObject()).isEqualTo(tools0.helperSymbolsInObject());
    }

    @Test
    void internalHelpersStayPrivateToTheCrate() throws Exception {
        List<String> args = List.of("helpers", "--linkage", "internal", "-o", "i.bc", "helpers.c", "--", "-O2",
                "-I.");
        assertThat(GraftRun.run(dir, args.toArray(String[]::new)).status()).isZero();
        build("inprocess", "i.bc", "k0.o", "--crate-type=lib", "uses_helpers.rs");
        assertThat(run(toolchain.llvm().llvmNm(), "k0.o")).contains(" t rust_helper_add")
                .doesNotContain(" T rust_helper_add").doesNotContain(" W rust_helper_add")
                .doesNotContain(" U rust_helper_");
        InliningReport optimised = build("inprocess", "i.bc", "k2.o", "--crate-type=lib", "-O", "uses_helpers.rs");
        assertThat(optimised.allInlined()).isTrue();
        assertThat(run(toolchain.llvm().llvmNm(), "k2.o")).doesNotContain("rust_helper_");
    }

    @Test
    void helpersCompiledWithoutOptimisationAreReportedNotInlined() throws Exception {
        // clang -O0 marks every function optnone noinline: honest reports say so, for both backends.
        List<String> args = List.of("helpers", "--linkage", "internal", "-o", "o0.bc", "helpers.c", "--", "-I.");
        assertThat(GraftRun.run(dir, args.toArray(String[]::new)).status()).isZero();
        for (String backend : List.of("tools", "inprocess")) {
            InliningReport report = build(backend, "o0.bc", backend + "-o0.o", "--crate-type=lib", "-O",
                    "uses_helpers.rs");
            assertThat(report.callSites().inlined()).as(backend).isZero();
            assertThat(report.notInlined()).as(backend).isNotEmpty();
        }
    }

    @Test
    void objectsAreByteIdenticalAcrossRuns() throws Exception {
        helpers("h.bc", dir.resolve("helpers.c"), "-O2", "-I.");
        build("inprocess", "h.bc", "a.o", "--crate-type=lib", "-O", "uses_helpers.rs");
        build("inprocess", "h.bc", "b.o", "--crate-type=lib", "-O", "uses_helpers.rs");
        assertThat(Files.readAllBytes(dir.resolve("a.o"))).isEqualTo(Files.readAllBytes(dir.resolve("b.o")));
    }

    @Test
    void damagedCrateBitcodeIsAOneLineErrorNotACrash() throws Exception {
        helpers("h.bc", dir.resolve("helpers.c"), "-O2", "-I.");
        run(toolchain.rustc().executable(), "--crate-type=lib", "-O", "--emit=llvm-bc=k.bc", "uses_helpers.rs");
        byte[] whole = Files.readAllBytes(dir.resolve("k.bc"));
        Files.write(dir.resolve("cut.bc"), Arrays.copyOf(whole, whole.length / 2));
        GraftRun run = GraftRun.run(dir, "link", "--backend", "inprocess", "--helpers", "h.bc", "-o", "cut.o",
                "cut.bc", "--", "-O");
        run.failedWith(ExitCode.BAD_INPUT);
        // The same words as the tools backend's (llvm-dis's) for a file LLVM cannot read.
        assertThat(run.err().lines().toList()).singleElement().asString().startsWith("graft: ")
                .contains("cut.bc is not");
        assertThat(dir.resolve("cut.o")).doesNotExist();
    }

    @Test
    void aLibLlvmOfAnotherMajorVersionIsRefusedWithExitThree() throws Exception {
        helpers("h.bc", dir.resolve("helpers.c"), "-O2", "-I.");
        int major = toolchain.llvm().version().major();
        // An LLVM directory whose tools are the real ones but whose libLLVM says it is LLVM 14.
        Path fake = dir.resolve("fake-llvm");
        Files.createDirectories(fake.resolve("bin"));
        Files.createDirectories(fake.resolve("lib"));
        for (String tool : List.of("clang", "llvm-link", "llvm-as", "llvm-dis", "llvm-nm", "llvm-objdump")) {
            Files.createSymbolicLink(fake.resolve("bin/" + tool), toolchain.llvm().binDirectory().resolve(tool));
        }
        Files.writeString(dir.resolve("fake.c"),
                "void LLVMGetVersion(unsigned *a, unsigned *b, unsigned *c) { *a = 14; *b = 0; *c = 6; }\n");
        Path library = fake.resolve("lib/libLLVM.so." + major + "." + toolchain.llvm().version().minor());
        run(toolchain.llvm().clang(), "-shared", "-fPIC", "fake.c", "-o", library.toString());

        // A separate JVM: a process loads one libLLVM, and this test's JVM may hold the real one already.
        ProcessBuilder graft = new ProcessBuilder(GraftProcess.argv("rustc", "--llvm-dir", fake.toString(),
                "--backend", "inprocess", "--helpers", "h.bc", "--", "--crate-type=lib", "-O", "--emit=obj=k.o",
                "uses_helpers.rs")).directory(dir.toFile()).redirectErrorStream(true);
        graft.environment().put("GRAFT_CACHE_DIR", dir.resolve(".cache").toString());
        Process process = graft.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isEqualTo(ExitCode.TOOLCHAIN.status());
        assertThat(output).startsWith("graft: " + library + " is LLVM 14.0.6 but LLVM " + major + " is needed")
                .contains("apt-get install");
        assertThat(output.lines().count()).isEqualTo(1);
        assertThat(dir.resolve("k.o")).doesNotExist();
    }
}
