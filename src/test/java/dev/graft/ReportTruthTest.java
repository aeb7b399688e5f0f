package dev.graft;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's counts against the machine code: every helper linkage x function sections on/off x
 * backend, with a helper LLVM inlines and a variadic one it never does. The reference is the object
 * linked into an executable by ld.lld and disassembled: there every call, jump and address reference
 * is resolved, whether the object held a relocation for it (symbol, or section plus offset) or not.
 */
class ReportTruthTest {

    private static final Pattern FUNCTION_LABEL = Pattern.compile("^[0-9a-fA-F]+ <(.+)>:$");
    private static final Pattern HELPER_TARGET = Pattern.compile("<(rust_helper_\\w+)>\\s*$");

    @TempDir
    Path dir;
    private Toolchain toolchain;

    @BeforeEach
    void copyFixtures() {
        toolchain = TestToolchain.require();
        Fixtures.copy(dir, "truth", List.of("variadic.c", "variadic.rs"));
    }

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (String linkage : List.of("linkonce_odr", "internal")) {
            for (String sections : List.of("yes", "no")) {
                for (String backend : List.of("inprocess", "tools")) {
                    all.add(Arguments.of(linkage, sections, backend));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "--linkage {0}, -Zfunction-sections={1}, --backend {2}")
    @MethodSource("combinations")
    void reportCountsEqualTheCallsTheDisassemblyShows(String linkage, String sections, String backend)
            throws Exception {
        GraftRun helpers = GraftRun.run(dir, "helpers", "-o", "h.bc", "--linkage", linkage, "variadic.c", "--",
                "-O2");
        assertThat(helpers.status()).as(helpers.toString()).isZero();
        Map<String, String> bootstrap = Map.of("RUSTC_BOOTSTRAP", "1",
                "GRAFT_CACHE_DIR", dir.resolve(".cache").toString());
        GraftRun build = GraftRun.run(dir, bootstrap, "rustc", "--backend", backend, "--helpers", "h.bc",
                "--report", "r.json", "--", "--crate-type=lib", "-Copt-level=2", "-Zfunction-sections=" + sections,
                "--emit=obj=k.o", "variadic.rs");
        assertThat(build.status()).as(build.toString()).isZero();
        InliningReport report = ReportJson.read(Files.readString(dir.resolve("r.json")));

        Map<String, Integer> shown = helperReferencesInLinkedCode();
        assertThat(shown.getOrDefault("rust_helper_add", 0)).as("add is inlined everywhere").isZero();
        assertThat(shown.get("rust_helper_sum")).as("one call left per function that calls sum").isEqualTo(2);
        for (InliningReport.HelperOutcome h : report.perHelper()) {
            assertThat(h.callsLeft()).as(h.helper()).isEqualTo(shown.getOrDefault(h.helper(), 0));
        }
        assertThat(report.notInlined()).extracting(InliningReport.NotInlined::caller)
                .containsExactlyInAnyOrder("use_sum", "hot_sum");
        assertThat(report.notInlined()).extracting(InliningReport.NotInlined::callee).containsOnly("rust_helper_sum");
        assertThat(report.callSites().total()).isEqualTo(4);
        assertThat(report.callSites().inlined()).isEqualTo(2);
        assertThat(report.allInlined()).isFalse();
        assertThat(report.helperSymbolsInObject()).containsExactly("rust_helper_sum");
    }

    /** Calls, jumps and address references to helpers from the crate's own functions, in the linked program. */
    private Map<String, Integer> helperReferencesInLinkedCode() throws Exception {
        Path lld = toolchain.llvm().binDirectory().resolve("ld.lld");
        run(Command.of(lld, "-e", "use_add", "-o", dir.resolve("k.exe").toString(), dir.resolve("k.o").toString()));
        String disassembly = run(Command.of(toolchain.llvm().llvmObjdump(), "-d", "--no-show-raw-insn",
                dir.resolve("k.exe").toString())).stdout();
        Map<String, Integer> references = new TreeMap<>();
        String function = "";
        for (String line : disassembly.split("\n")) {
            Matcher label = FUNCTION_LABEL.matcher(line);
            if (label.matches()) {
                function = label.group(1);
                continue;
            }
            Matcher target = HELPER_TARGET.matcher(line);
            if (target.find() && !function.startsWith("rust_helper_")) {
                references.merge(target.group(1), 1, Integer::sum);
            }
        }
        return references;
    }

    private CommandResult run(Command command) throws IOException {
        try {
            return ProcessRunner.quiet().runChecked(command.inDirectory(dir));
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
