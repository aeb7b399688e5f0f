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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers and crate must be built for one target (architecture, OS, environment; the vendor may differ)
 * with one data layout: graft refuses a mismatch with one line naming both, before anything is linked,
 * with either backend. The aarch64 crate is a no_core crate, so no aarch64 std needs to be installed.
 */
class TargetMismatchTest {

    private static final String AARCH64 = "aarch64-unknown-linux-gnu";

    @TempDir
    Path dir;
    private Toolchain toolchain;

    @BeforeEach
    void setUp() {
        toolchain = TestToolchain.require();
        Fixtures.copyE2e(dir, List.of("helpers.c", "api.h", "uses_helpers.rs", "bare_target.rs"));
    }

    private void helpers(String output, String... clangFlags) {
        List<String> args = new ArrayList<>(List.of("helpers", "-o", output, "helpers.c", "--", "-O2", "-I."));
        args.addAll(List.of(clangFlags));
        GraftRun run = GraftRun.run(dir, args.toArray(String[]::new));
        run.succeeded();
    }

    private GraftRun rustc(String backend, String helpers, String... rustcArgs) {
        List<String> args = new ArrayList<>(List.of("rustc", "--backend", backend, "--helpers", helpers, "--report",
                "r.json", "--", "--crate-type=lib", "-O"));
        args.addAll(List.of(rustcArgs));
        return GraftRun.run(dir, Map.of("RUSTC_BOOTSTRAP", "1", "GRAFT_CACHE_DIR", dir.resolve(".cache").toString()),
                args.toArray(String[]::new));
    }

    private static void assertRefused(GraftRun run, String... phrases) {
        run.failedWith(ExitCode.BAD_INPUT);
        List<String> lines = run.err().lines().filter(l -> l.startsWith("graft: ")).toList();
        assertThat(lines).as(run.toString()).hasSize(1);
        assertThat(lines.getFirst()).contains(phrases);
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("not a recognized feature")
                .doesNotContain("warning");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void aarch64HelpersAreRefusedForAnX86Crate(String backend) {
        helpers("arm.bc", "--target=" + AARCH64);
        GraftRun run = rustc(backend, "arm.bc", "--emit=obj=k.o", "uses_helpers.rs");
        assertRefused(run, "the helpers arm.bc are built for " + AARCH64 + " but the crate for "
                + "x86_64-unknown-linux-gnu", "the architectures differ (aarch64, x86_64)",
                "--target=x86_64-unknown-linux-gnu");
        assertThat(dir.resolve("k.o")).doesNotExist();
    }

    /**
     * The advice keeps the helpers' OS and environment, so it works with the C flags they were built with: the
     * kernel's -Werror=unused-command-line-argument refuses -fno-stack-clash-protection for a bare-metal triple.
     */
    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void theAdviceWorksWithTheKernelsOwnFlags(String backend) {
        String[] kernelFlags = {"-Werror=unused-command-line-argument", "-fno-stack-clash-protection"};
        helpers("arm.bc", concat(kernelFlags, "--target=" + AARCH64));
        String advice = assertRefusedWithAdvice(rustc(backend, "arm.bc", "--emit=obj=k.o", "uses_helpers.rs"));
        helpers("fixed.bc", concat(kernelFlags, advice));
        rustc(backend, "fixed.bc", "--emit=obj=k.o", "uses_helpers.rs").succeeded();
        assertThat(dir.resolve("k.o")).exists();
    }

    /** Without -mgeneral-regs-only the helper has +neon,+fp-armv8, which the kernel's Rust lacks: integer code needs neither. */
    @Test
    void aLinuxHelperWithNeonInlinesIntoSoftFloatRustWhenItsCodeHasNoFloatingPoint() throws Exception {
        helpers("arm.bc", "--target=aarch64-linux-gnu");
        rustc("inprocess", "arm.bc", "--target=aarch64-unknown-none-softfloat", "--emit=obj=k.o", "bare_target.rs")
                .succeeded();
        InliningReport report = ReportJson.read(Files.readString(dir.resolve("r.json")));
        assertThat(report.callSites().inlined()).isEqualTo(2);
        assertThat(report.reconciliations()).anySatisfy(r -> {
            assertThat(r.function()).isEqualTo("rust_helper_add");
            assertThat(r.change()).contains("switched off", "+fp-armv8", "+neon");
        });
    }

    private static String assertRefusedWithAdvice(GraftRun run) {
        run.failedWith(ExitCode.BAD_INPUT);
        String line = run.failureLine();
        java.util.regex.Matcher advice = java.util.regex.Pattern.compile("'graft helpers \\.\\.\\. -- (--target=\\S+)'")
                .matcher(line);
        assertThat(advice.find()).as(line).isTrue();
        return advice.group(1);
    }

    private static String[] concat(String[] flags, String more) {
        List<String> all = new ArrayList<>(List.of(flags));
        all.add(more);
        return all.toArray(String[]::new);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void x86HelpersAreRefusedForAnAarch64Crate(String backend) {
        helpers("x86.bc");
        GraftRun run = rustc(backend, "x86.bc", "--target=" + AARCH64, "--emit=obj=k.o", "bare_target.rs");
        assertRefused(run, "the helpers x86.bc are built for x86_64-unknown-linux-gnu but the crate for " + AARCH64);
        assertThat(dir.resolve("k.o")).doesNotExist();
    }

    @Test
    void aarch64HelpersInlineIntoAnAarch64CrateWithTheToolsBackend() throws Exception {
        helpers("arm.bc", "--target=" + AARCH64);
        GraftRun run = rustc("tools", "arm.bc", "--target=" + AARCH64, "--emit=obj=k.o", "bare_target.rs");
        run.succeeded();
        String header = Checked.run(Command.of(toolchain.llvm().llvmObjdump(), "-f",
                dir.resolve("k.o").toString())).stdout();
        assertThat(header).contains("elf64-littleaarch64");
        InliningReport report = ReportJson.read(Files.readString(dir.resolve("r.json")));
        assertThat(report.callSites().total()).isEqualTo(2);
        assertThat(report.callSites().inlined()).isEqualTo(2);
    }

    /**
     * A target specification file ({@code --target=T.json}, as Kbuild passes scripts/target.json) is judged by the
     * triple and layout rustc writes from it: here aarch64's, as rustc itself prints the specification.
     */
    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void aTargetSpecificationIsCheckedLikeABuiltInTarget(String backend) throws Exception {
        CommandResult spec = Checked.run(Command.of(toolchain.rustc().executable(),
                "-Zunstable-options", "--print", "target-spec-json", "--target", AARCH64)
                .withEnvironment(Map.of("RUSTC_BOOTSTRAP", "1")));
        Files.writeString(dir.resolve("aarch64.json"), spec.stdout());
        helpers("x86.bc");
        GraftRun refused = rustc(backend, "x86.bc", "-Zunstable-options", "--target=aarch64.json", "--emit=obj=k.o",
                "bare_target.rs");
        assertRefused(refused, "the helpers x86.bc are built for x86_64-unknown-linux-gnu but the crate for "
                + AARCH64);
        assertThat(dir.resolve("k.o")).doesNotExist();

        if (backend.equals("tools")) {
            helpers("arm.bc", "--target=" + AARCH64);
            rustc(backend, "arm.bc", "-Zunstable-options", "--target=aarch64.json", "--emit=obj=k.o", "bare_target.rs")
                    .succeeded();
            assertThat(Checked.run(Command.of(toolchain.llvm().llvmObjdump(), "-f",
                    dir.resolve("k.o").toString())).stdout()).contains("elf64-littleaarch64");
            assertThat(ReportJson.read(Files.readString(dir.resolve("r.json"))).allInlined()).isTrue();
        }
    }

    /**
     * An arm64 kernel's pairing: its Rust is built for rustc's freestanding aarch64-unknown-none-softfloat (LLVM's
     * aarch64-unknown-none, a triple clang refuses under rustc's name), its C, the helpers, for aarch64-linux-gnu
     * without FP/SIMD registers (arch/arm64/Makefile's -mgeneral-regs-only). The tree's own llvm-link joins them;
     * so does graft, and every call inlines.
     */
    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void anArm64KernelsFreestandingCrateTakesItsLinuxHelpers(String backend) throws Exception {
        helpers("arm64.bc", "--target=aarch64-linux-gnu", "-mgeneral-regs-only");
        rustc(backend, "arm64.bc", "--target=aarch64-unknown-none-softfloat", "--emit=obj=k.o", "bare_target.rs")
                .succeeded();
        assertThat(Checked.run(Command.of(toolchain.llvm().llvmObjdump(), "-f",
                dir.resolve("k.o").toString())).stdout()).contains("elf64-littleaarch64");
        InliningReport report = ReportJson.read(Files.readString(dir.resolve("r.json")));
        assertThat(report.allInlined()).as(report.toString()).isTrue();
        assertThat(report.callSites().total()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void clangsVendorSpellingIsTheSameTarget(String backend) {
        helpers("pc.bc", "--target=x86_64-pc-linux-gnu");
        GraftRun run = rustc(backend, "pc.bc", "--emit=obj=k.o", "uses_helpers.rs");
        run.succeeded();
        assertThat(run.err()).doesNotContain("graft: ").doesNotContain("warning");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void anotherDataLayoutOnTheSameTripleIsRefused(String backend) throws Exception {
        helpers("h.bc");
        String ir = Checked.run(Command.of(toolchain.llvm().llvmDis(), dir.resolve("h.bc").toString(),
                "-o", "-")).stdout();
        String layout = ir.lines().filter(l -> l.startsWith("target datalayout = ")).findFirst().orElseThrow();
        Files.writeString(dir.resolve("other.ll"), ir.replace(layout, layout.replace("-i128:128", "-i128:64")));
        Checked.run(Command.of(toolchain.llvm().llvmAs(), dir.resolve("other.ll").toString(), "-o",
                dir.resolve("other.bc").toString()));
        GraftRun run = rustc(backend, "other.bc", "--emit=obj=k.o", "uses_helpers.rs");
        assertRefused(run, "the helpers other.bc have data layout", "i128:64", "but the crate", "i128:128",
                "both for x86_64-unknown-linux-gnu");
    }
}
