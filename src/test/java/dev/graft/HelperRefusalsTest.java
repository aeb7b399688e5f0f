package dev.graft;

import dev.graft.process.Command;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

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
                "constructor.c", "alias.c", "plain.c"));
    }

    private GraftRun graft(String... args) {
        return GraftRun.run(dir, args);
    }

    private String run(Path program, String... args) throws Exception {
        return ProcessRunner.quiet().runChecked(Command.of(program, args).inDirectory(dir)).stdout();
    }

    private void assertRefused(GraftRun run, String message) {
        assertThat(run.status()).as(run.toString()).isEqualTo(2);
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
            assertThat(build.status()).as(build.toString()).isZero();
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
        assertThat(helpers.status()).as(helpers.toString()).isZero();
        assertThat(graftProgram(backend)).isEqualTo(plainProgram("table.c")).isEqualTo("8\n");
    }

    @Test
    void aConstructorIsRefusedAsAConstructor() {
        assertRefused(graft("helpers", "-o", "h.bc", "constructor.c", "--", "-O2"),
                "helpers define constructors [setup] (__attribute__((constructor)) or a sanitizer's): "
                        + "each would run once per crate");
    }

    @Test
    void anAliasIsRefusedUpFrontInsteadOfLeftUndefined() {
        assertRefused(graft("helpers", "-o", "h.bc", "alias.c", "--", "-O2"),
                "helpers define aliases [rust_helper_plus (an alias of rust_helper_add)]: an alias is not a "
                        + "function graft can link into a crate or inline");
    }

    @Test
    void reportOnAPlainObjectListsTheUndefinedSymbolsItsCodeCallsAndNoSections() throws Exception {
        for (String sections : List.of("-ffunction-sections", "-fno-function-sections")) {
            run(toolchain.llvm().clang(), "-O2", sections, "-c", "plain.c", "-o", "p.o");
            GraftRun report = graft("report", "p.o");
            assertThat(report.status()).as(report.toString()).isZero();
            assertThat(report.out()).as(sections).startsWith("p.o: 2 undefined symbols referenced from code\n");
            assertThat(report.out().lines().skip(1).map(l -> List.of(l.strip().split("\\s+"))))
                    .as(sections).containsExactly(List.of("ext", "1"), List.of("memset", "2"));
        }
    }
}
