package dev.graft;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftProcess;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled examples, built as README.md and docs/make.md say: the demo, a std program, a Makefile build. */
class ExamplesTest {

    private static final Path PROJECT = Fixtures.PROJECT;
    private static final Path EXAMPLES = PROJECT.resolve("examples");

    @TempDir
    Path dir;
    private final Toolchain toolchain = TestToolchain.require();

    @Test
    void demoInlinesEveryHelperCallSiteAndBothProgramsAgreeWithC() {
        GraftRun demo = GraftRun.run(dir, "demo", "--examples", EXAMPLES.toString(), "--work-dir", "work");
        demo.succeeded();
        Matcher verdict = Pattern.compile("(?m)^inlined (\\d+)/(\\d+) helper call sites \\(inprocess backend\\)$")
                .matcher(demo.out());
        assertThat(verdict.find()).as(demo.out()).isTrue();
        assertThat(verdict.group(1)).isEqualTo(verdict.group(2));
        assertThat(Integer.parseInt(verdict.group(1))).isGreaterThanOrEqualTo(22);
        assertThat(demo.out()).contains("plain and graft programs agree").doesNotContain("NOT inlined");
    }

    @Test
    void kernelStyleDemoInlinesEveryCallSiteInProcessAndKeepsTheKernelsProperties() {
        GraftRun demo = GraftRun.run(dir, "demo", "--kernel-style", "--examples", EXAMPLES.toString());
        demo.succeeded();
        assertThat(demo.out()).containsPattern("(?m)^inlined (\\d+)/\\1 helper call sites \\(inprocess backend\\)$")
                .contains("reconciled by graft: no-builtin-wcslen")
                .contains("return thunks instead of ret: yes; endbr64: yes; patchable function entries: yes");
    }

    @Test
    void demoWithTheInProcessBackendAgreesWithC() {
        GraftRun demo = GraftRun.run(dir, "demo", "--backend", "inprocess", "--examples", EXAMPLES.toString());
        demo.succeeded();
        assertThat(demo.out()).contains("plain and graft programs agree")
                .containsPattern("(?m)^inlined (\\d+)/\\1 helper call sites \\(inprocess backend\\)$");
    }

    @Test
    void stdProgramWhoseCrateObjectComesFromGraftLinksAndRuns() throws Exception {
        Path k = EXAMPLES.resolve("kernel-helpers");
        Path app = EXAMPLES.resolve("std-app");
        assertThat(GraftRun.run(dir, "helpers", "-o", "helpers.bc", "--cflags-file", k.resolve("cflags").toString(),
                k.resolve("helpers.c").toString(), "--", "-I" + k.resolve("include")).status()).isZero();
        GraftRun build = GraftRun.run(dir, "rustc", "--helpers", "helpers.bc", "--report", "app.json", "--",
                "--crate-type=lib", "-O", "--emit=obj=app.o", app.resolve("app.rs").toString());
        build.succeeded();
        run(Command.of(toolchain.rustc().executable(), "-O", app.resolve("main.rs").toString(), "-o", "app",
                "-Clink-arg=" + dir.resolve("app.o")));

        assertThat(run(Command.of(dir.resolve("app"), "1000")).stdout()).isEqualTo("""
                refcounts: [("obj0", 251), ("obj1", 251), ("obj2", 251), ("obj3", 251)]
                errors: 20 distinct, 200 total; value sum 400000
                """);
        InliningReport report = ReportJson.read(Files.readString(dir.resolve("app.json")));
        assertThat(report.helpers().referenced()).isEqualTo(6);
        assertThat(report.allInlined()).isTrue();
    }

    @Test
    void makefileBuildsRunsAndRebuildsOnlyWhatDepInfoSaysChanged() throws Exception {
        Path build = dir.resolve("build");
        String graft = GraftProcess.commandLine();
        List<String> make = List.of("make", "-C", EXAMPLES.resolve("makefile-build").toString(), "OUT=" + build,
                "GRAFT=" + graft, "CLANG=" + toolchain.llvm().clang());
        Map<String, String> env = Map.of("GRAFT_CACHE_DIR", dir.resolve("cache").toString());
        run(new Command(make, java.util.Optional.empty(), env, Command.DEFAULT_TIMEOUT));

        assertThat(run(Command.of(build.resolve("demo"), "1000")).stdout()).contains("demo_refcount(1000) = 1001");
        assertThat(ReportJson.read(Files.readString(build.resolve("khelpers_demo.json"))).allInlined()).isTrue();
        assertThat(Files.readString(build.resolve("khelpers_demo.d"))).contains(build.resolve("khelpers_demo.o")
                + ":");

        CommandResult again = run(new Command(make, java.util.Optional.empty(), env, Command.DEFAULT_TIMEOUT));
        assertThat(again.stdout()).doesNotContain("graft").contains("Nothing to be done");

        // The dep-info file is what tells make the object depends on lib.rs: a newer input rebuilds it.
        Path object = build.resolve("khelpers_demo.o");
        Files.setLastModifiedTime(object, FileTime.from(Instant.parse("2000-01-01T00:00:00Z")));
        Files.setLastModifiedTime(build.resolve("khelpers_demo.d"), FileTime.from(Instant.parse("2000-01-01T00:00:00Z")));
        CommandResult rebuilt = run(new Command(make, java.util.Optional.empty(), env, Command.DEFAULT_TIMEOUT));
        assertThat(rebuilt.stdout()).contains(" rustc --helpers").doesNotContain(" helpers -o");
    }

    private CommandResult run(Command command) throws Exception {
        CommandResult result = ProcessRunner.quiet().run(command.inDirectory(dir));
        assertThat(result.exitCode()).as(command.render() + "\n" + result.stdout() + result.stderr()).isZero();
        return result;
    }
}
