package dev.graft.corpus;

import dev.graft.report.InliningReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Linux 6.12's own rust/helpers/*.c, compiled with the clang command line Kbuild used for a real object of
 * an x86_64 defconfig tree (LLVM=-22), called once each from a crate built with the tree's
 * KBUILD_RUSTFLAGS: plain, and through graft with both backends.
 */
class LinuxHelpersTest {

    @TempDir
    static Path dir;
    private static LinuxBuild build;
    private static LinuxCorpus corpus;

    @BeforeAll
    static void compileTheHelpers() throws Exception {
        build = LinuxBuild.in(dir);
        corpus = build.corpus();
        assertThat(build.helpers("helpers.bc", List.of()).stdout())
                .contains("removed flags: -fno-delete-null-pointer-checks\n");
    }

    @Test
    void theHelpersAreEveryFileOfRustHelpersThatHelpersCIncludes() throws IOException {
        try (Stream<Path> files = Files.list(corpus.tree().resolve("rust/helpers"))) {
            List<String> all = files.map(f -> "rust/helpers/" + f.getFileName()).filter(f -> f.endsWith(".c"))
                    .filter(f -> !f.endsWith("/helpers.c")).sorted().toList();
            assertThat(corpus.helperSources()).containsExactlyInAnyOrderElementsOf(all);
        }
    }

    @Test
    void thePlainBuildCallsEveryHelperAndHasTheKernelsCodeGeneration() throws Exception {
        build.plainRustc("plain.o", List.of());
        LinuxObject object = build.disassemble("plain.o");
        List<String> callers = callers(object);
        assertThat(callers).allSatisfy(f -> assertThat(object.branchTargets(f)).as(f)
                .anyMatch(t -> t.startsWith("rust_helper_")));
        assertKernelCodeGeneration(object);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void everyCallSiteIsInlinedOrExplainedAndTheObjectKeepsTheKernelsCodeGeneration(String backend)
            throws Exception {
        InliningReport report = graftRustc(backend, backend + ".o");
        System.out.printf("linux-6.12 rust/helpers, %s backend: inlined %d/%d helper call sites%n", backend,
                report.callSites().inlined(), report.callSites().total());

        // One call site per helper: the crate references every helper the sources define.
        assertThat(report.helpers().referenced()).isEqualTo(report.helpers().available());
        assertThat(report.callSites().total()).isEqualTo(report.helpers().available()).isGreaterThanOrEqualTo(31);
        assertEveryCallLeftIsExplained(report);
        if (backend.equals("inprocess")) {
            // LLVM's cost model: a call to a noreturn function right before `unreachable` is a cold call site
            // (threshold 0). Inlined or not, BUG() traps the same way; --force-inline inlines it too.
            assertThat(report.notInlined()).singleElement().satisfies(n -> {
                assertThat(n.callee()).isEqualTo("rust_helper_BUG");
                assertThat(n.reason()).contains("too costly");
            });
        }
        LinuxObject object = build.disassemble(backend + ".o");
        assertKernelCodeGeneration(object);
        assertReturnsThroughTheThunk(object);
    }

    @Test
    void forcedInliningInlinesEveryHelperInProcess() throws Exception {
        InliningReport report = graftRustc("inprocess", "forced.o", "--force-inline");
        assertThat(report.allInlined()).as(report.notInlined().toString()).isTrue();
        assertThat(report.helperSymbolsInObject()).isEmpty();
        LinuxObject object = build.disassemble("forced.o");
        assertThat(object.functionNames()).allSatisfy(f -> assertThat(f).startsWith("call_"));
        assertKernelCodeGeneration(object);
        assertReturnsThroughTheThunk(object);
    }

    /** The plain build only tail-calls its helpers; with them inlined, the callers return, through the thunk. */
    private static void assertReturnsThroughTheThunk(LinuxObject object) {
        assertThat(object.functionNames().stream().flatMap(f -> object.branchTargets(f).stream()))
                .contains("__x86_return_thunk");
    }

    /** What Kbuild's flags ask of every function: IBT, return thunks, patchable entries, retpolines. */
    private static void assertKernelCodeGeneration(LinuxObject object) {
        List<String> functions = object.functionNames();
        assertThat(callers(object)).hasSizeGreaterThanOrEqualTo(31);
        assertThat(functions).allSatisfy(f -> {
            assertThat(object.startsWithEndbr(f)).as(f + " starts with endbr64 (-Zcf-protection=branch)").isTrue();
            assertThat(object.prefix(f)).as(f + " has 16 bytes of patchable prefix").hasSize(16)
                    .allSatisfy(insn -> assertThat(insn).endsWith("nop"));
        });
        assertThat(object.patchableEntrySections()).as("__patchable_function_entries, one per function")
                .isEqualTo(functions.size());
        assertThat(object.plainReturns()).as("returns go through __x86_return_thunk").isEmpty();
        assertThat(object.bareIndirectBranches()).as("indirect branches go through retpoline thunks").isEmpty();
    }

    private static void assertEveryCallLeftIsExplained(InliningReport report) {
        List<String> explained = report.notInlined().stream().map(InliningReport.NotInlined::callee).toList();
        assertThat(report.perHelper()).filteredOn(h -> !h.fullyInlined())
                .allSatisfy(h -> assertThat(explained).as(h.helper()).contains(h.helper()));
        assertThat(report.notInlined()).allSatisfy(n -> assertThat(n.reason()).as(n.callee()).isNotBlank());
    }

    private static List<String> callers(LinuxObject object) {
        return object.functionNames().stream().filter(f -> f.startsWith("call_")).toList();
    }

    private static InliningReport graftRustc(String backend, String object, String... options) throws Exception {
        return build.graftRustc(backend, "helpers.bc", object, corpus.rustFlags(), options);
    }
}
