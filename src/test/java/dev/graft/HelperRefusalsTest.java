package dev.graft;

import dev.graft.process.Command;
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
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code graft helpers} refuses because a copy of the helper in every crate would change what the
 * C means, with a message that names the construct; and what it still accepts. Programs are built
 * from two crates, plain (helpers in an ordinary object) and through graft, and must print the same.
 */
class HelperRefusalsTest {

    @TempDir
    Path dir;
    private Toolchain toolchain;

    @BeforeEach
    void copyFixtures() {
        toolchain = TestToolchain.require();
        Fixtures.copy(dir, "truth", List.of("counter.c", "table.c", "crate_a.rs", "crate_b.rs", "two_crates.c",
                "constructor.c", "alias.c", "alias.rs", "alias_main.c", "weak_alias.c",
                "plain.c"));
    }

    private GraftRun graft(String... args) {
        return GraftRun.run(dir, args);
    }

    private String run(Path program, String... args) throws Exception {
        return Checked.run(Command.of(program, args).inDirectory(dir)).stdout();
    }

    private void assertRefused(GraftRun run, String message) {
        run.failedWith(ExitCode.BAD_INPUT);
        assertThat(run.err()).startsWith("graft: " + message).doesNotContain("\tat ");
        assertThat(run.err().lines()).hasSize(1);
        assertThat(dir.resolve("h.bc")).doesNotExist();
    }

    /** crate_a and crate_b, the helper source compiled the ordinary way, and the C driver: its output. */
    private String plainProgram(String helperSource) throws Exception {
        for (String crate : List.of("crate_a", "crate_b")) {
            run(toolchain.rustc().executable(), "--crate-type=lib", "-O", "--emit=obj=" + crate + ".o", crate + ".rs");
        }
        run(toolchain.llvm().clang(), "-O2", "-c", helperSource, "-o", "helper.o");
        run(toolchain.llvm().clang(), "two_crates.c", "crate_a.o", "crate_b.o", "helper.o", "-o", "plain-app");
        return run(dir.resolve("plain-app"));
    }

    private String graftProgram(String backend) throws Exception {
        for (String crate : List.of("crate_a", "crate_b")) {
            GraftRun build = graft("rustc", "--backend", backend, "--helpers", "h.bc", "--", "--crate-type=lib",
                    "-O", "--emit=obj=g_" + crate + ".o", crate + ".rs");
            build.succeeded();
        }
        run(toolchain.llvm().clang(), "two_crates.c", "g_crate_a.o", "g_crate_b.o", "-o", "graft-app");
        return run(dir.resolve("graft-app"));
    }

    @Test
    void aHelperWithAMutableStaticIsRefusedBecauseEachCrateWouldCountAlone() throws Exception {
        assertThat(plainProgram("counter.c")).isEqualTo("3\n");
        assertRefused(graft("helpers", "-o", "h.bc", "counter.c", "--", "-O2"),
                "helpers define static variables [rust_helper_next.count]: every crate would get its own copy");
        assertRefused(graft("helpers", "-o", "h.bc", "--linkage", "internal", "counter.c", "--", "-O0"),
                "helpers define static variables [rust_helper_next.count]");
    }

    @ParameterizedTest(name = "--backend {0}")
    @ValueSource(strings = {"inprocess", "tools"})
    void aHelperWithConstantStaticsIsAcceptedAndTwoCratesPrintWhatThePlainBuildPrints(String backend)
            throws Exception {
        GraftRun helpers = graft("helpers", "-o", "h.bc", "table.c", "--", "-O2");
        helpers.succeeded();
        assertThat(graftProgram(backend)).isEqualTo(plainProgram("table.c")).isEqualTo("8\n");
    }

    @Test
    void aConstructorIsRefusedAsAConstructor() {
        assertRefused(graft("helpers", "-o", "h.bc", "constructor.c", "--", "-O2"),
                "helpers define constructors [setup] (__attribute__((constructor)) or a sanitizer's): "
                        + "each would run once per crate");
    }

    @Test
    void aSanitizerBuiltHelperIsRefusedForItsConstructor() {
        assertRefused(graft("helpers", "-o", "h.bc", "table.c", "--", "-O2", "-fsanitize=address"),
                "helpers define constructors [asan.module_ctor] (");
    }

    @ParameterizedTest(name = "--backend {0}, {1}, --linkage {2}")
    @CsvSource({"inprocess, -O2, linkonce_odr", "tools, -O2, linkonce_odr", "inprocess, -O2 -g, internal",
            "tools, -O2, internal", "tools, -O0 -g, linkonce_odr"})
    void aCrateCallingHelpersByTheirAliasesLinksRunsAndInlinesThem(String backend, String cflags, String linkage)
            throws Exception {
        List<String> helperArgs = new ArrayList<>(List.of("helpers", "-o", "h.bc", "--linkage", linkage, "alias.c",
                "--"));
        helperArgs.addAll(List.of(cflags.split(" ")));
        GraftRun helpers = graft(helperArgs.toArray(String[]::new));
        helpers.succeeded();
        assertThat(helpers.out()).contains("note: @rust_helper_plus: an alias of @rust_helper_add, made a helper");
        GraftRun build = graft("rustc", "--backend", backend, "--helpers", "h.bc", "--report", "r.json", "--",
                "--crate-type=lib", "-O", "-g", "--emit=obj=alias.o", "alias.rs");
        build.succeeded();
        run(toolchain.llvm().clang(), "alias_main.c", "alias.o", "-o", "graft-app");

        run(toolchain.rustc().executable(), "--crate-type=lib", "-O", "--emit=obj=plain.o", "alias.rs");
        run(toolchain.llvm().clang(), "-O2", "-c", "alias.c", "-o", "helpers.o");
        run(toolchain.llvm().clang(), "alias_main.c", "plain.o", "helpers.o", "-o", "plain-app");
        assertThat(run(dir.resolve("graft-app"))).isEqualTo(run(dir.resolve("plain-app"))).isEqualTo("103\n");

        InliningReport report = ReportJson.read(Files.readString(dir.resolve("r.json")));
        assertThat(report.helpers().referenced()).isEqualTo(4);
        Map<String, Integer> left = report.perHelper().stream()
                .collect(Collectors.toMap(InliningReport.HelperOutcome::helper,
                        InliningReport.HelperOutcome::callsLeft));
        if (cflags.contains("-O2")) {
            // Inlined through the alias, and its aliasee with it. The variadic aliasee stays a call, as it
            // would unaliased: LLVM inlines the alias's wrapper, and the report counts the call it leaves.
            assertThat(left).containsEntry("rust_helper_plus", 0).containsEntry("rust_helper_twice", 0)
                    .containsEntry("rust_helper_put", 0).containsEntry("rust_helper_sum", 1);
            assertThat(report.notInlined()).extracting(InliningReport.NotInlined::callee)
                    .containsExactly("rust_helper_sum");
            assertThat(report.callSites().total()).isEqualTo(4);
            assertThat(report.callSites().inlined()).isEqualTo(3);
        }
    }

    @Test
    void aWeakAliasIsRefusedUpFrontInsteadOfLeftUndefined() {
        assertRefused(graft("helpers", "-o", "h.bc", "weak_alias.c", "--", "-O2"),
                "helpers define aliases [rust_helper_weak_alias (an alias of rust_helper_weak)]: graft makes a "
                        + "helper of an external alias of a function of the same type, not of this one");
    }

    @Test
    void reportOnAPlainObjectListsTheUndefinedSymbolsItsCodeCallsAndNoSections() throws Exception {
        for (String sections : List.of("-ffunction-sections", "-fno-function-sections")) {
            run(toolchain.llvm().clang(), "-O2", sections, "-c", "plain.c", "-o", "p.o");
            GraftRun report = graft("report", "p.o");
            report.succeeded();
            assertThat(report.out()).as(sections).startsWith("p.o: 2 undefined symbols referenced from code\n");
            assertThat(report.out().lines().skip(1).map(l -> List.of(l.strip().split("\\s+"))))
                    .as(sections).containsExactly(List.of("ext", "1"), List.of("memset", "2"));
        }
    }
}
