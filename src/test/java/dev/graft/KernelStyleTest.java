package dev.graft;

import dev.graft.demo.KernelFlags;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kernel-flavoured case: helpers built with a Linux 6.12 defconfig's C flags, the crate with its
 * Rust flags (on the installed x86_64-unknown-linux-gnu target). In process, every helper call site
 * inlines without --ignore-target-compat or --force-inline, and the object keeps the kernel's properties.
 */
class KernelStyleTest {

    private static final Path KERNEL_HELPERS = Fixtures.KERNEL_HELPERS;
    private static final List<String> RUST_FLAGS = KernelFlags.RUST;
    /** Plain kernel-style code generation, without retpolines. */
    private static final List<String> NO_RETPOLINE_FLAGS = List.of("-Cpanic=abort", "-Copt-level=2",
            "-Crelocation-model=static", "-Ccode-model=kernel", "-Cno-redzone=y",
            "-Ctarget-feature=-mmx,+soft-float,-sse,-sse2");

    @TempDir
    Path dir;
    private Toolchain toolchain;

    @BeforeEach
    void setUp() throws Exception {
        toolchain = TestToolchain.require();
        Files.copy(KERNEL_HELPERS.resolve("kernel-cflags"), dir.resolve("cflags"));
        Fixtures.copy(dir, "kernel", List.of("indirect.c", "indirect.rs", "mixed.c", "mixed.rs"));
    }

    private void helpers(String output, String... sourceAndFlags) {
        List<String> args = new ArrayList<>(List.of("helpers", "-o", output, "--cflags-file", "cflags"));
        args.addAll(Arrays.asList(sourceAndFlags));
        GraftRun run = GraftRun.run(dir, args.toArray(String[]::new));
        run.succeeded();
    }

    private InliningReport rustc(String helpers, List<String> flags, String crateName, Path source, String object,
                                 String... graftOptions) {
        List<String> args = new ArrayList<>(List.of("rustc", "--backend", "inprocess", "--helpers", helpers,
                "--report", object + ".json"));
        args.addAll(Arrays.asList(graftOptions));
        args.addAll(List.of("--", "--crate-type=lib", "--crate-name=" + crateName, "--edition=2021"));
        args.addAll(flags);
        args.addAll(List.of("--emit=obj=" + object, source.toString()));
        GraftRun run = GraftRun.run(dir, Map.of("RUSTC_BOOTSTRAP", "1", "GRAFT_CACHE_DIR",
                dir.resolve(".cache").toString()), args.toArray(String[]::new));
        run.succeeded();
        try {
            return ReportJson.read(Files.readString(dir.resolve(object + ".json")));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String objdump(String... args) throws Exception {
        List<String> argv = new ArrayList<>(Arrays.asList(args));
        CommandResult r = Checked.run(Command.of(toolchain.llvm().llvmObjdump(), argv)
                .inDirectory(dir));
        return r.stdout();
    }

    @Test
    void everyDemoHelperInlinesWithKernelFlagsAndTheObjectKeepsTheKernelsProperties() throws Exception {
        helpers("k.bc", KERNEL_HELPERS.resolve("helpers.c").toString(), "--",
                "-I" + KERNEL_HELPERS.resolve("include"));
        InliningReport report = rustc("k.bc", RUST_FLAGS, "khelpers_demo", KERNEL_HELPERS.resolve("crate/lib.rs"),
                "k.o");

        assertThat(report.callSites().total()).isGreaterThanOrEqualTo(22);
        assertThat(report.allInlined()).as(report.notInlined().toString()).isTrue();
        // -fno-builtin-wcslen on the helpers blocked every call site until the callers took it over; the
        // target features already agree (both sides have retpolines and no SSE).
        assertThat(report.reconciliations()).isNotEmpty().filteredOn(r -> r.by().equals("graft"))
                .allSatisfy(r -> assertThat(r.attribute()).isEqualTo("no-builtin-wcslen"));

        String code = objdump("-dr", "--no-show-raw-insn", "k.o");
        List<String> functions = code.lines().filter(l -> l.matches("[0-9a-f]+ <demo_\\w+>:")).toList();
        assertThat(functions).hasSize(5);
        assertThat(code).as("return thunks, never a plain ret").doesNotContainPattern("\\sretq?\\s*$")
                .containsPattern("R_X86_64_PLT32\\s+__x86_return_thunk");
        for (String f : functions) {
            String name = f.substring(f.indexOf('<') + 1, f.indexOf('>'));
            String body = code.substring(code.indexOf(f));
            assertThat(body.lines().skip(1).findFirst().orElse("")).as(name + " starts with endbr64")
                    .contains("endbr64");
        }
        assertThat(objdump("-h", "k.o")).contains("__patchable_function_entries");
    }

    @Test
    void helpersWithoutIndirectBranchesShedTheirRetpolinesToInlineIntoCodeWithout() throws Exception {
        helpers("k.bc", KERNEL_HELPERS.resolve("helpers.c").toString(), "--",
                "-I" + KERNEL_HELPERS.resolve("include"));
        InliningReport report = rustc("k.bc", NO_RETPOLINE_FLAGS, "khelpers_demo",
                KERNEL_HELPERS.resolve("crate/lib.rs"), "plain.o");

        assertThat(report.allInlined()).as(report.notInlined().toString()).isTrue();
        assertThat(report.reconciliations()).filteredOn(r -> r.attribute().equals("target-features"))
                .hasSize(report.helpers().referenced())
                .allSatisfy(r -> assertThat(r.change()).contains("+retpoline-indirect-calls"));
    }

    @Test
    void aHelperWithAnIndirectCallInlinesOnlyIntoCodeWithTheSameMitigation() throws Exception {
        helpers("ind.bc", "indirect.c");
        InliningReport unprotected = rustc("ind.bc", NO_RETPOLINE_FLAGS, "plain_caller", dir.resolve("indirect.rs"),
                "plain.o");
        assertThat(unprotected.callSites().inlined()).as("never drop the helper's retpoline").isZero();
        assertThat(unprotected.notInlined()).singleElement()
                .satisfies(n -> assertThat(n.reason()).contains("+retpoline-indirect-calls", "an indirect call"));
        assertThat(objdump("-dr", "plain.o")).contains("rust_helper_call_op");

        // Forcing would drop the mitigation (alwaysinline and --ignore-tti-inline-compatible both skip
        // LLVM's target check): graft keeps the call out of line and says why.
        for (String force : List.of("--force-inline", "--ignore-target-compat")) {
            InliningReport forced = rustc("ind.bc", NO_RETPOLINE_FLAGS, "plain_caller", dir.resolve("indirect.rs"),
                    "forced.o", force);
            assertThat(forced.callSites().inlined()).as(force).isZero();
            assertThat(forced.notInlined()).singleElement()
                    .satisfies(n -> assertThat(n.reason()).startsWith("graft kept it out of line"));
            assertThat(objdump("-dr", "forced.o")).as(force).contains("rust_helper_call_op");
        }

        InliningReport protectedCaller = rustc("ind.bc", RUST_FLAGS, "retpoline_caller", dir.resolve("indirect.rs"),
                "retpoline.o");
        assertThat(protectedCaller.allInlined()).isTrue();
        assertThat(objdump("-dr", "retpoline.o")).contains("__x86_indirect_thunk").doesNotContain("rust_helper_");
    }

    @Test
    void floatingPointHelpersStayOutOfCodeWithoutSseWhileIntegerOnesInline() throws Exception {
        GraftRun run = GraftRun.run(dir, "helpers", "-o", "mixed.bc", "mixed.c", "--", "-O2");
        run.succeeded();
        for (String force : List.of("--opt=inline", "--force-inline")) {
            InliningReport report = rustc("mixed.bc", RUST_FLAGS, "kernel_caller", dir.resolve("mixed.rs"),
                    "mixed.o", force);
            assertThat(report.perHelper()).as(force).filteredOn(h -> h.helper().equals("rust_helper_add"))
                    .singleElement().satisfies(h -> assertThat(h.fullyInlined()).isTrue());
            assertThat(report.notInlined()).as(force).singleElement().satisfies(n -> {
                assertThat(n.callee()).isEqualTo("rust_helper_scale");
                assertThat(n.reason()).contains("+sse2", "floating-point");
            });
            assertThat(report.reconciliations()).as(force)
                    .anySatisfy(r -> assertThat(r.function() + " " + r.change())
                            .isEqualTo("rust_helper_add switched off +mmx, +sse, +sse2 to match scaled_sum"));
            String code = objdump("-dr", "mixed.o");
            String rust = code.substring(code.indexOf("<scaled_sum>:"), code.indexOf("<rust_helper_scale>:"));
            assertThat(rust).as("the Rust function holds no SSE code").doesNotContain("xmm")
                    .contains("rust_helper_scale");
            assertThat(code).doesNotContain("rust_helper_add");
        }
    }
}
