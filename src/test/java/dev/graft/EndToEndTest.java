package dev.graft;

import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.TestToolchain;
import dev.graft.testkit.Workbench;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** graft's commands on real clang and rustc output, end to end, as a build would call them. */
class EndToEndTest {

    private static final List<String> FIXTURES = List.of("helpers.c", "api.h", "uses_helpers.rs", "no_helpers.rs",
            "type_error.rs", "driver.c");

    @TempDir
    Path dir;
    private Toolchain toolchain;

    @BeforeEach
    void copyFixtures() throws IOException {
        toolchain = TestToolchain.require();
        Fixtures.copyE2e(dir, FIXTURES);
    }

    private GraftRun helpers(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("helpers", "-o", "h.bc"));
        args.addAll(List.of(extra));
        args.addAll(List.of("helpers.c", "--", "-O2", "-fno-delete-null-pointer-checks", "-fno-strict-aliasing",
                "-I."));
        GraftRun run = GraftRun.run(dir, args.toArray(String[]::new));
        run.succeeded();
        return run;
    }

    private GraftRun graftRustc(String... rustcArgs) {
        List<String> args = new java.util.ArrayList<>(List.of("rustc", "--helpers", "h.bc", "--report", "r.json",
                "--"));
        args.addAll(List.of(rustcArgs));
        return GraftRun.run(dir, args.toArray(String[]::new));
    }

    private InliningReport report() throws IOException {
        return ReportJson.read(Files.readString(dir.resolve("r.json")));
    }

    private String run(Path tool, String... args) throws Exception {
        return new Workbench(dir).tool(tool, args);
    }

    @Test
    void inlinesHelpersCompiledWithNullPointerChecks() throws Exception {
        GraftRun compiled = helpers();
        assertThat(compiled.out()).contains("3 helpers").contains("removed flags: -fno-delete-null-pointer-checks");

        GraftRun build = graftRustc("--crate-type=lib", "-Copt-level=2", "--emit=obj=k.o", "uses_helpers.rs");
        build.succeeded();

        InliningReport report = report();
        assertThat(report.backend()).as("the default backend").isEqualTo("inprocess");
        assertThat(report.helpers().available()).isEqualTo(3);
        assertThat(report.helpers().referenced()).isEqualTo(3);
        assertThat(report.callSites().total()).isGreaterThanOrEqualTo(4);
        assertThat(report.callSites().inlined()).isEqualTo(report.callSites().total());
        assertThat(report.notInlined()).isEmpty();
        assertThat(report.helperSymbolsInObject()).isEmpty();
        // Independently of graft's own inspection: no reference to any helper is left in the object.
        assertThat(run(toolchain.llvm().llvmObjdump(), "-dr", "k.o")).doesNotContain("rust_helper_");
        // And the plain object of the same crate does call them, so the check above is not vacuous.
        run(toolchain.rustc().executable(), "--crate-type=lib", "-Copt-level=2", "--emit=obj=plain.o",
                "uses_helpers.rs");
        assertThat(run(toolchain.llvm().llvmObjdump(), "-dr", "plain.o")).contains("rust_helper_add");
    }

    @Test
    void objectLinksIntoAProgramThatPrintsTheSameAsThePlainBuild() throws Exception {
        helpers();
        assertThat(graftRustc("--crate-type=lib", "-O", "--emit=obj=k.o", "uses_helpers.rs").status()).isZero();
        run(toolchain.llvm().clang(), "-O2", "driver.c", "k.o", "-o", "graft-app");
        run(toolchain.llvm().clang(), "-O2", "-c", "helpers.c", "-I.", "-o", "helpers.o");
        run(toolchain.rustc().executable(), "--crate-type=lib", "-O", "--emit=obj=plain.o", "uses_helpers.rs");
        run(toolchain.llvm().clang(), "-O2", "driver.c", "plain.o", "helpers.o", "-o", "plain-app");

        String graft = run(dir.resolve("graft-app"), "1000");
        assertThat(graft).isEqualTo("sum_to(1000) = 499500\nbump(5, 1000) = 1005\n");
        assertThat(graft).isEqualTo(run(dir.resolve("plain-app"), "1000"));
    }

    @Test
    void linkonceOdrHelpersLeftUninlinedAreWeakCopies() throws Exception {
        helpers();
        // At opt-level 0 rustc's code is not optimised and nothing is inlined: the copies must survive, weak.
        assertThat(graftRustc("--crate-type=lib", "--emit=obj=k.o", "uses_helpers.rs").status()).isZero();
        assertThat(symbol(run(toolchain.llvm().llvmNm(), "k.o"), "rust_helper_add")).isEqualTo("W");
        InliningReport report = report();
        assertThat(report.callSites().inlined()).isLessThan(report.callSites().total());
        assertThat(report.notInlined()).isNotEmpty().allSatisfy(n -> assertThat(n.reason()).isNotBlank());
        assertThat(report.helperSymbolsInObject()).contains("rust_helper_add");
    }

    @Test
    void internalHelpersAreInlinedOrKeptPrivateToTheCrate() throws Exception {
        helpers("--linkage", "internal");
        assertThat(graftRustc("--crate-type=lib", "--emit=obj=k0.o", "uses_helpers.rs").status()).isZero();
        assertThat(symbol(run(toolchain.llvm().llvmNm(), "k0.o"), "rust_helper_add")).isEqualTo("t");

        assertThat(graftRustc("--crate-type=lib", "-Copt-level=2", "--emit=obj=k2.o", "uses_helpers.rs").status())
                .isZero();
        assertThat(report().allInlined()).isTrue();
        assertThat(run(toolchain.llvm().llvmNm(), "k2.o")).doesNotContain("rust_helper_");
    }

    @Test
    void rustcErrorsPassThroughWithRustcsExitStatus() {
        helpers();
        GraftRun build = graftRustc("--crate-type=lib", "--emit=obj=bad.o", "type_error.rs");
        build.failedWith(ExitCode.TOOL_FAILED);
        assertThat(build.err()).contains("error[E0308]: mismatched types").contains("graft: rustc failed");
        assertThat(dir.resolve("bad.o")).doesNotExist();
    }

    @Test
    void aCrateThatReferencesNoHelperBuildsAndReportsZero() throws Exception {
        helpers();
        assertThat(graftRustc("--crate-type=lib", "-O", "--emit=obj=n.o", "no_helpers.rs").status()).isZero();
        InliningReport report = report();
        assertThat(report.helpers().referenced()).isZero();
        assertThat(report.callSites().total()).isZero();
        assertThat(run(toolchain.llvm().llvmNm(), "n.o")).contains("T triple");
    }

    @Test
    void depInfoNamesTheObjectAndOtherOutputsStillAppear() throws Exception {
        helpers();
        Files.createDirectories(dir.resolve("out dir"));
        GraftRun build = graftRustc("--crate-type=lib", "-O", "--emit=obj,dep-info,metadata", "-o", "out dir/k.o",
                "uses_helpers.rs");
        build.succeeded();
        assertThat(dir.resolve("out dir/k.o")).exists();
        assertThat(dir.resolve("out dir/libk.rmeta")).exists();
        String depInfo = Files.readString(dir.resolve("out dir/k.d"));
        assertThat(depInfo).contains("out\\ dir/k.o: uses_helpers.rs").doesNotContain(".bc:");
        try (var files = Files.list(dir.resolve("out dir"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("k.o", "k.d", "libk.rmeta");
        }
    }

    @Test
    void helperBitcodeIsCachedUntilASourceOrHeaderChanges() throws Exception {
        assertThat(helpers().out()).doesNotContain("from cache");
        assertThat(helpers().out()).contains("from cache");
        Files.writeString(dir.resolve("api.h"), Files.readString(dir.resolve("api.h")) + "\n/* edited */\n");
        assertThat(helpers().out()).doesNotContain("from cache");
    }

    @Test
    void linkCommandInlinesIntoBitcodeTheUserAlreadyHas() throws Exception {
        helpers();
        run(toolchain.rustc().executable(), "--crate-type=lib", "-O", "--emit=llvm-bc=k.bc", "uses_helpers.rs");
        GraftRun link = GraftRun.run(dir, "link", "--helpers", "h.bc", "--report", "r.json", "-o", "l.o", "k.bc",
                "--", "-Copt-level=2");
        link.succeeded();
        assertThat(link.out()).matches("(?s)inlined (\\d+)/\\1 helper call sites \\(inprocess backend\\)\n");
        assertThat(run(toolchain.llvm().llvmNm(), "l.o")).contains("T sum_to").doesNotContain("rust_helper_");

        GraftRun shown = GraftRun.run(dir, "report", "r.json");
        assertThat(shown.status()).isZero();
        assertThat(shown.out()).contains("rust_helper_add").contains("inlined");
    }

    @Test
    void verbosePrintsEveryCommandCopyPasteablyAndKeepTempsKeepsTheBitcode() throws Exception {
        helpers();
        GraftRun build = GraftRun.run(dir, "rustc", "--verbose", "--keep-temps", "kept dir", "--backend", "tools",
                "--helpers", "h.bc", "--", "--crate-type=lib", "-O", "--emit=obj=k.o", "uses_helpers.rs");
        build.succeeded();
        List<String> commands = build.err().lines().filter(l -> l.startsWith("+ ")).toList();
        assertThat(commands).anyMatch(l -> l.contains("rustc") && l.contains("--emit=llvm-bc="))
                .anyMatch(l -> l.contains("llvm-link") && l.contains("--only-needed"))
                .anyMatch(l -> l.contains("clang") && l.contains(" -c "));
        assertThat(build.err()).containsPattern("\\(\\d+ ms, exit 0\\)")
                .contains("time: rustc").contains("inlined 4/4 helper call sites");
        assertThat(dir.resolve("kept dir/uses_helpers.bc")).exists();
        assertThat(dir.resolve("kept dir/combined.bc")).exists();

        // Copy-pasteable: the llvm-link line, as printed, runs in a shell and does the same thing.
        String linkLine = commands.stream().filter(l -> l.contains("--only-needed")).findFirst().orElseThrow()
                .substring(2).replace("combined.bc", "again.bc");
        run(Path.of("/bin/sh"), "-c", linkLine);
        assertThat(dir.resolve("kept dir/again.bc")).exists();
    }

    private static String symbol(String nmOutput, String name) {
        return nmOutput.lines().map(String::strip).filter(l -> l.endsWith(" " + name)).map(l -> l.split("\\s+"))
                .map(f -> f[f.length - 2]).findFirst().orElse("(absent)");
    }
}
