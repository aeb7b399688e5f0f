package dev.graft;

import dev.graft.link.CodegenOptions;
import dev.graft.process.Command;
import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.rustc.RustcInvocation;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * rustc's code generation options as graft reads them: spelled with '_' or '-' alike, as rustc reads
 * them; and on {@code graft link}, which has no rustc behind it, anything graft would ignore is refused.
 */
class CodegenFlagsTest {

    private static final String HOST = "x86_64-unknown-linux-gnu";

    @TempDir
    Path dir;
    private Toolchain toolchain;

    @BeforeEach
    void setUp() {
        toolchain = TestToolchain.require();
        Fixtures.copyE2e(dir, List.of("helpers.c", "api.h", "uses_helpers.rs"));
    }

    private void helpers() {
        GraftRun run = GraftRun.run(dir, "helpers", "-o", "h.bc", "helpers.c", "--", "-O2", "-I.");
        run.succeeded();
    }

    private GraftRun link(String backend, String... flags) throws Exception {
        helpers();
        Checked.run(Command.of(toolchain.rustc().executable(), "--crate-type=lib", "-O",
                "--emit=llvm-bc=k.bc", "uses_helpers.rs").inDirectory(dir));
        List<String> args = new ArrayList<>(List.of("link", "--backend", backend, "--helpers", "h.bc", "-o", "l.o",
                "k.bc", "--"));
        args.addAll(List.of(flags));
        return GraftRun.run(dir, args.toArray(String[]::new));
    }


    @Test
    void underscoresInCodegenKeysReadAsDashesAsRustcReadsThem() throws Exception {
        CodegenOptions options = RustcInvocation.ofExpanded(List.of("-Copt_level=3", "-C", "relocation_model=static",
                "-Ccode_model=kernel", "-Ctarget_cpu=znver3", "-Ctarget_feature=+avx2", "-Zfunction_sections=no"))
                .codegenOptions(HOST, dir);
        assertThat(options.optLevel()).isEqualTo("3");
        assertThat(options.relocationModel()).contains("static");
        assertThat(options.codeModel()).contains("kernel");
        assertThat(options.targetCpu()).contains("znver3");
        assertThat(options.targetFeatures()).containsExactly("+avx2");
        assertThat(options.functionSections()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void optLevelWithAnUnderscoreInlinesLikeTheDashedSpelling(String backend) throws Exception {
        helpers();
        GraftRun build = GraftRun.run(dir, "rustc", "--backend", backend, "--helpers", "h.bc", "--report", "r.json",
                "--", "--crate-type=lib", "-Copt_level=3", "-Crelocation_model=static", "--emit=obj=k.o",
                "uses_helpers.rs");
        build.succeeded();
        InliningReport report = ReportJson.read(Files.readString(dir.resolve("r.json")));
        assertThat(report.callSites().total()).isEqualTo(4);
        assertThat(report.callSites().inlined()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void linkRefusesOptionsItWouldIgnore(String backend) throws Exception {
        GraftRun run = link(backend, "-Cfoo=bar", "--bogus");
        run.failedWith(ExitCode.BAD_INPUT);
        assertThat(run.failureLine()).contains("the link command does not take '-Cfoo=bar'")
                .contains("--target T, -O, -Copt-level, -Crelocation-model, -Ccode-model, -Ctarget-cpu, "
                        + "-Ctarget-feature, -Cllvm-args, -Zfunction-sections");
        assertThat(dir.resolve("l.o")).doesNotExist();
        assertThat(link(backend, "-O", "--bogus").failureLine()).contains("does not take '--bogus'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void linkTakesEveryCodegenOptionItNames(String backend) throws Exception {
        GraftRun run = link(backend, "-O", "-Copt_level=2", "--target", HOST, "-Crelocation-model=pic",
                "-Ccode-model=small", "-Ctarget-cpu=x86-64", "-Ctarget-feature=+sse2", "-Cllvm-args=-x86-asm-syntax=att",
                "-Zfunction-sections=yes");
        run.succeeded();
        assertThat(dir.resolve("l.o")).exists();
        if (backend.equals("inprocess")) {
            assertThat(run.err()).contains("graft: note: -Cllvm-args=-x86-asm-syntax=att shaped rustc's optimisation "
                    + "of the crate, not graft's in-process optimisation and code generation");
        } else {
            assertThat(run.err()).doesNotContain("note:");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void anUnknownCodeModelIsOneLineNamingTheValidOnes(String backend) throws Exception {
        GraftRun run = link(backend, "-Ccode-model=foo");
        run.failedWith(ExitCode.BAD_INPUT);
        assertThat(run.failureLine()).isEqualTo(
                "graft: -Ccode-model=foo is not a code model (valid: tiny, small, kernel, medium, large)");
        assertThat(dir.resolve("l.o")).doesNotExist();
    }
}
