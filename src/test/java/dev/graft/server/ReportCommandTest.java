package dev.graft.server;

import dev.graft.ExitCode;
import dev.graft.process.CommandResult;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.Way;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code graft report} reads every report graft writes: a crate's {@code --report} file, the per-crate file and
 * the summary a cargo build writes; and refuses JSON of another shape with one line naming the field, never the
 * JSON library's words or a helper called {@code null}. Through the server and in graft's own JVM.
 */
class ReportCommandTest extends BothWaysTestCase {

    @BeforeEach
    void buildHelpers() {
        Fixtures.copy(dir, "shared-constant", List.of("table.c", "a.rs"));
        CommandResult helpers = graft(Way.OWN_JVM, "helpers", "-o", "h.bc", "table.c", "--", "-O2");
        assertThat(helpers.exitCode()).as(helpers.stderr()).isZero();
    }

    /** {@code graft rustc --report r.json} of the fixture crate. */
    private void rustcReport(Way way) {
        CommandResult rustc = graft(way, "rustc", "--helpers", "h.bc", "--report", "r.json", "--", "--crate-type=lib",
                "-O", "-Cpanic=abort", "--emit=obj=a.o", "a.rs");
        assertThat(rustc.exitCode()).as(rustc.stderr()).isZero();
    }

    private CommandResult report(Way way, String file) {
        return graft(way, "report", file);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void readsTheReportsOfGraftRustcAndOfACargoBuild(Way way) throws Exception {
        rustcReport(way);
        CommandResult own = report(way, "r.json");
        assertThat(own.exitCode()).as(own.stderr()).isZero();
        assertThat(own.stdout()).contains("crate a: inlined 2/2 helper call sites").contains("rust_helper_table");

        // The wrapper form, as cargo runs it: the per-crate report and the summary cargo builds leave.
        Files.createDirectories(dir.resolve("out"));
        CommandResult wrapped = graft(way, dir, Map.of("GRAFT_HELPERS", "h.bc"), toolchain.rustc().executable()
                .toString(), "--crate-name", "a", "--crate-type", "lib", "--emit=dep-info,metadata,link",
                "-Cextra-filename=-0123abcd", "-O", "-Cpanic=abort", "a.rs", "--out-dir", "out");
        assertThat(wrapped.exitCode()).as(wrapped.stderr()).isZero();
        assertThat(dir.resolve("out/graft/a-0123abcd.json")).exists();
        CommandResult crate = report(way, "out/graft/a-0123abcd.json");
        assertThat(crate.exitCode()).as(crate.stderr()).isZero();
        assertThat(crate.stdout()).containsPattern("(?m)^a +lib +2/2 +rust_helper_table rust_helper_weight$")
                .contains("codegen unit a-0123abcd.").contains("crate a: inlined 2/2 helper call sites");
        CommandResult summary = report(way, "out/graft/summary.txt");
        assertThat(summary.exitCode()).as(summary.stderr()).isZero();
        assertThat(summary.stdout()).containsPattern("(?m)^a +lib +2/2 ").contains("<crate>-<hash>.json");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void refusesJsonOfAnotherShapeNamingTheField(Way way) throws Exception {
        rustcReport(way);
        String good = Files.readString(dir.resolve("r.json"));
        Map<String, String> cases = Map.of(
                "number.json", "{\"call_sites\": 5}",
                "empty.json", "{}",
                "array.json", "[1, 2]",
                "text.json", "not json",
                "unnamed.json", good.replaceFirst("\"helper\" : \"rust_helper_\\w+\",", ""));
        Map<String, String> expected = Map.of(
                "number.json", "call_sites is not what a report has there",
                "empty.json", "it has no backend",
                "array.json", "not a JSON object",
                "text.json", "not JSON (line 1, column",
                "unnamed.json", "it has no per_helper[0].helper");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Files.writeString(dir.resolve(c.getKey()), c.getValue());
            CommandResult result = report(way, c.getKey());
            assertThat(result.exitCode()).as(c.getKey() + ": " + result.stdout() + result.stderr()).isEqualTo(ExitCode.BAD_INPUT.status());
            assertThat(failureLine(result)).as(c.getKey())
                    .startsWith("graft: " + c.getKey() + " is not a graft report: " + expected.get(c.getKey()));
            assertThat(result.stderr()).doesNotContain("dev.graft").doesNotContain("Cannot construct");
            assertThat(result.stdout()).doesNotContain("null");
        }
    }
}
