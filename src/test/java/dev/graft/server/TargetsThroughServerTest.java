package dev.graft.server;

import dev.graft.process.CommandResult;
import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 24's behaviours through the warm server, as the other tests check them in a JVM of graft's own: an
 * adapted declaration inlines, an unadaptable one builds and says so in one line on stderr.
 */
class TargetsThroughServerTest extends ServerTestCase {

    @Test
    void anAdaptedDeclarationInlinesAndAnUnadaptableOneIsOneLineOnTheBuildsOutput() throws Exception {
        Fixtures.copyE2e(dir, List.of("helpers.c", "api.h", "wrong_signature.rs"));
        Fixtures.copy(dir, "targets", List.of("refcount.c", "refcount.rs"));
        GraftRun.run(dir, "helpers", "-o", "x86.bc", "helpers.c", "--", "-O2", "-I.").succeeded();
        GraftRun.run(dir, "helpers", "-o", "arm.bc", "refcount.c", "--", "-O2", "--target=aarch64-linux-gnu",
                "-mgeneral-regs-only").succeeded();
        Map<String, String> env = Map.of("GRAFT_CACHE_DIR", dir.resolve(".cache").toString(), "RUSTC_BOOTSTRAP", "1");

        CommandResult adapted = server.graft(dir, env, "rustc", "--helpers", "arm.bc", "--report", "k.json", "--",
                "--crate-type=lib", "-O", "--target=aarch64-unknown-none-softfloat", "--emit=obj=k.o", "refcount.rs");
        assertThat(adapted.exitCode()).as(adapted.stderr()).isZero();
        assertThat(adapted.stderr()).doesNotContain("graft");
        InliningReport report = ReportJson.read(Files.readString(dir.resolve("k.json")));
        assertThat(report.callSites().total()).isEqualTo(6);
        assertThat(report.callSites().inlined()).isEqualTo(6);

        CommandResult left = server.graft(dir, env, "rustc", "--helpers", "x86.bc", "--", "--crate-type=lib", "-O",
                "--emit=obj=w.o", "wrong_signature.rs");
        assertThat(left.exitCode()).as(left.stderr()).isZero();
        assertThat(left.stderr().lines().filter(l -> l.contains("graft")).toList()).singleElement().asString()
                .startsWith("graft: warning: wrong_signature: 1 of 1 helper call site left out of line; first: "
                        + "rust_helper_add in twice: the crate declares rust_helper_add as i64 (i64)");
        assertThat(dir.resolve("w.o")).exists();
    }
}
