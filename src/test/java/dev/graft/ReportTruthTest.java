package dev.graft;

import dev.graft.demo.KernelFlags;
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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
        build(List.of("--linkage", linkage, "variadic.c", "--", "-O2"), backend,
                List.of("-Copt-level=2", "-Zfunction-sections=" + sections));
        InliningReport report = assertReportMatchesDisassembly();
        assertThat(report.callSites().inlined()).as("add's two call sites").isEqualTo(2);
        assertThat(report.helperSymbolsInObject()).containsExactly("rust_helper_sum");
    }

    /** The kernel's C and Rust flags: no function sections, static relocations, the kernel code model. */
    @ParameterizedTest(name = "--linkage {0}, --backend {1}")
    @CsvSource({"internal, inprocess", "internal, tools", "linkonce_odr, inprocess", "linkonce_odr, tools"})
    void reportCountsEqualTheCallsTheDisassemblyShowsWithTheKernelsFlags(String linkage, String backend)
            throws Exception {
        Files.copy(Fixtures.KERNEL_HELPERS.resolve("kernel-cflags"), dir.resolve("cflags"));
        build(List.of("--linkage", linkage, "--cflags-file", "cflags", "variadic.c"), backend, KernelFlags.RUST);
        InliningReport report = assertReportMatchesDisassembly();
        // In process, graft reconciles "no-builtin-wcslen" and add inlines; clang alone refuses (docs/reconciliation.md).
        assertThat(report.callSites().inlined()).isEqualTo(backend.equals("inprocess") ? 2 : 0);
    }

    private void build(List<String> helperArgs, String backend, List<String> rustFlags) {
        List<String> args = new ArrayList<>(List.of("helpers", "-o", "h.bc"));
        args.addAll(helperArgs);
        GraftRun helpers = GraftRun.run(dir, args.toArray(String[]::new));
        helpers.succeeded();
        args = new ArrayList<>(List.of("rustc", "--backend", backend, "--helpers", "h.bc", "--report", "r.json", "--",
                "--crate-type=lib"));
        args.addAll(rustFlags);
        args.addAll(List.of("--emit=obj=k.o", "variadic.rs"));
        GraftRun build = GraftRun.run(dir, Map.of("RUSTC_BOOTSTRAP", "1", "GRAFT_CACHE_DIR",
                dir.resolve(".cache").toString()), args.toArray(String[]::new));
        build.succeeded();
    }

    /**
     * The report lists exactly the helper references the linked program's code shows, per calling function,
     * and counts a call site inlined only for a helper none is left to.
     */
    private InliningReport assertReportMatchesDisassembly() throws Exception {
        InliningReport report = ReportJson.read(Files.readString(dir.resolve("r.json")));
        List<List<String>> shown = helperReferencesInLinkedCode();
        assertThat(report.notInlined()).extracting(n -> List.of(n.caller(), n.callee()))
                .containsExactlyInAnyOrderElementsOf(shown);
        int inlined = 0;
        for (InliningReport.HelperOutcome h : report.perHelper()) {
            long left = shown.stream().filter(r -> r.get(1).equals(h.helper())).count();
            assertThat(h.callsLeft()).as(h.helper()).isEqualTo(left);
            inlined += left == 0 ? h.callSites() : 0;
        }
        assertThat(report.callSites().total()).isEqualTo(4);
        assertThat(report.callSites().inlined()).isEqualTo(inlined);
        // The variadic helper is never inlined: one call is left in each function calling it.
        assertThat(shown).filteredOn(r -> r.get(1).equals("rust_helper_sum"))
                .containsExactlyInAnyOrder(List.of("use_sum", "rust_helper_sum"),
                        List.of("hot_sum", "rust_helper_sum"));
        assertThat(report.allInlined()).isFalse();
        return report;
    }

    /** (function, helper) for each call, jump or address reference to a helper in the crate's own code. */
    private List<List<String>> helperReferencesInLinkedCode() throws Exception {
        Path lld = toolchain.llvm().binDirectory().resolve("ld.lld");
        // The kernel's return and indirect-branch thunks are not defined here: they do not matter to the count.
        run(Command.of(lld, "-e", "use_add", "--unresolved-symbols=ignore-all", "-o", dir.resolve("k.exe").toString(),
                dir.resolve("k.o").toString()));
        String disassembly = run(Command.of(toolchain.llvm().llvmObjdump(), "-d", "--no-show-raw-insn",
                dir.resolve("k.exe").toString())).stdout();
        List<List<String>> references = new ArrayList<>();
        String function = "";
        for (String line : disassembly.split("\n")) {
            Matcher label = FUNCTION_LABEL.matcher(line);
            if (label.matches()) {
                function = label.group(1);
                continue;
            }
            Matcher target = HELPER_TARGET.matcher(line);
            if (target.find() && !function.startsWith("rust_helper_")) {
                references.add(List.of(function, target.group(1)));
            }
        }
        return references;
    }

    private CommandResult run(Command command) throws IOException {
        try {
            return Checked.run(command.inDirectory(dir));
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
