package dev.graft.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.graft.process.CommandResult;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.ReportSchema;
import dev.graft.testkit.Way;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/report.schema.json describes the reports graft writes: {@code graft rustc --report} with each backend,
 * one with a call left out of line, and the per-crate report of the cargo wrapper form, through the server and
 * in graft's own JVM; and it is strict enough to refuse a report graft would not write.
 */
class ReportSchemaTest extends BothWaysTestCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(Way.class)
    void everyReportGraftWritesMatchesTheSchema(Way way) throws Exception {
        Fixtures.copy(dir, "shared-constant", List.of("table.c", "a.rs"));
        Fixtures.copyE2e(dir, List.of("helpers.c", "api.h", "wrong_signature.rs"));
        // -fno-builtin-wcslen stamps "no-builtin-wcslen" on every helper, which graft copies to each caller:
        // the report then lists reconciliations, as a kernel build's does.
        succeeds(graft(way, "helpers", "-o", "h.bc", "table.c", "--", "-O2", "-fno-builtin-wcslen"));
        succeeds(graft(way, "helpers", "-o", "add.bc", "helpers.c", "--", "-O2"));
        for (String backend : List.of("inprocess", "tools")) {
            succeeds(graft(way, "rustc", "--helpers", "h.bc", "--backend", backend, "--report", backend + ".json",
                    "--", "--crate-type=lib", "-O", "-Cpanic=abort", "--emit=obj=" + backend + ".o", "a.rs"));
        }
        succeeds(graft(way, "rustc", "--helpers", "add.bc", "--report", "left.json", "--", "--crate-type=lib", "-O",
                "-Cpanic=abort", "--emit=obj=left.o", "wrong_signature.rs"));
        Files.createDirectories(dir.resolve("out"));
        succeeds(graft(way, dir, Map.of("GRAFT_HELPERS", "h.bc"), toolchain.rustc().executable().toString(),
                "--crate-name", "a", "--crate-type", "lib", "--emit=dep-info,metadata,link",
                "-Cextra-filename=-0123abcd", "-O", "-Cpanic=abort", "a.rs", "--out-dir", "out"));

        List<Path> reports = List.of(dir.resolve("inprocess.json"), dir.resolve("tools.json"), dir.resolve("left.json"),
                dir.resolve("out/graft/a-0123abcd.json"));
        reports.forEach(ReportSchema::assertMatches);

        // The reports hold what the schema's optional parts describe, so those parts were checked too.
        assertThat(tree("inprocess.json").get("reconciliations")).as("graft copied no-builtin-wcslen").isNotEmpty();
        assertThat(tree("inprocess.json").get("per_helper")).isNotEmpty();
        assertThat(tree("inprocess.json").has("helpers_file")).isTrue();
        assertThat(tree("left.json").get("not_inlined")).as("the mismatched declaration's call").isNotEmpty();
        assertThat(tree("out/graft/a-0123abcd.json").get("codegen_units")).isNotEmpty();
    }

    /** Of the schema, not of graft: one way is enough. */
    @Test
    void theSchemaRefusesAReportOfAnotherShape() throws Exception {
        Way way = Way.OWN_JVM;
        Fixtures.copy(dir, "shared-constant", List.of("table.c", "a.rs"));
        succeeds(graft(way, "helpers", "-o", "h.bc", "table.c", "--", "-O2", "-fno-builtin-wcslen"));
        succeeds(graft(way, "rustc", "--helpers", "h.bc", "--report", "r.json", "--", "--crate-type=lib", "-O",
                "-Cpanic=abort", "--emit=obj=a.o", "a.rs"));
        assertThat(ReportSchema.violations(Files.readString(dir.resolve("r.json")))).isEmpty();
        Map<String, Consumer<ObjectNode>> changes = Map.of(
                "without backend", report -> report.remove("backend"),
                "with a field no report has", report -> report.put("inlined_everything", true),
                "with another backend", report -> report.put("backend", "gcc"),
                "with a negative count", report -> ((ObjectNode) report.get("call_sites")).put("inlined", -1),
                "with a change by someone else", report -> ((ObjectNode) ((ArrayNode) report.get("reconciliations"))
                        .get(0)).put("by", "someone"),
                "with a helper without its name", report -> ((ObjectNode) ((ArrayNode) report.get("per_helper"))
                        .get(0)).remove("helper"));
        for (Map.Entry<String, Consumer<ObjectNode>> change : changes.entrySet()) {
            ObjectNode report = tree("r.json");
            change.getValue().accept(report);
            assertThat(ReportSchema.violations(JSON.writeValueAsString(report))).as("a report " + change.getKey())
                    .isNotEmpty();
        }
    }

    private ObjectNode tree(String report) throws Exception {
        return (ObjectNode) JSON.readTree(Files.readString(dir.resolve(report)));
    }

    private static void succeeds(CommandResult result) {
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }
}
