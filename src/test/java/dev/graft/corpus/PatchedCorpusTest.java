package dev.graft.corpus;

import dev.graft.job.CrateJob;
import dev.graft.report.InliningReport;
import dev.graft.testkit.PatchedObjects;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus libraries' crates (libxdp, liburing: helpers no one here wrote, with their own flags)
 * patched as the cargo wrapper patches a codegen unit: the program linked from rustc's edited object and the
 * patch prints what the C program calling the inline API prints, every call site is inlined, the two objects
 * define the global symbols rustc's object defines, and every function left in rustc's object keeps its
 * instructions and relocations; and the report says so, counting the functions the patch holds. liburcu's crate
 * calls a helper in every function: its unit is generated whole, runs as the C program, and the report says why.
 */
class PatchedCorpusTest {

    @TempDir
    Path dir;
    private final Toolchain toolchain = TestToolchain.require();
    private final PatchedObjects objects = new PatchedObjects(toolchain);

    @ParameterizedTest
    @ValueSource(strings = {"libxdp", "liburing"})
    void aPatchedUnitOfTheLibrarysCrateRunsAsTheCProgramAndKeepsRustcsCode(String library) throws Exception {
        WrappedLibraryCorpus corpus = new WrappedLibraryCorpus(library, dir);
        String expected = corpus.runProgram(corpus.buildC(), "run", "500");
        WrappedLibraryCorpus.PatchedBuild build = corpus.buildPatched();

        assertThat(build.report().allInlined()).as(build.report().notInlined().toString()).isTrue();
        assertThat(corpus.runProgram(build.program(), "run", "500")).isEqualTo(expected);
        assertThat(objects.globalDefinitions(List.of(build.edited(), build.patch())))
                .isEqualTo(objects.globalDefinitions(List.of(build.rustcObject())));
        List<String> kept = objects.functions(build.edited());
        assertThat(kept).as("functions calling no helper stay rustc's").isNotEmpty();
        assertThat(objects.functions(build.rustcObject())).containsAll(kept);
        for (String function : kept) {
            assertThat(objects.code(build.edited(), function)).as(function + " is rustc's code")
                    .isEqualTo(objects.code(build.rustcObject(), function));
        }
        assertThat(corpus.disassemble(build.edited()) + corpus.disassemble(build.patch()))
                .as("no wrapper is called").doesNotContain("__extern");
        assertThat(build.report().codeGeneration()).isEqualTo(InliningReport.CodeGeneration.changedFunctions(
                objects.definedFunctions(build.patch()).size()));
    }

    /** Nothing of rustc's object would be kept: graft generates the unit whole (PatchExtraction) and says why. */
    @Test
    void aUnitWhoseEveryFunctionCallsAHelperIsGeneratedWholeAndTheReportSaysWhy() throws Exception {
        WrappedLibraryCorpus corpus = new WrappedLibraryCorpus("liburcu", dir);
        String expected = corpus.runProgram(corpus.buildC(), "run", "500");
        CrateJob.GraftedUnit unit = corpus.graftAsCargoUnit();

        assertThat(unit.patch()).isEmpty();
        assertThat(unit.report().codeGeneration()).isEqualTo(InliningReport.CodeGeneration.wholeUnit(
                "inlining changed every function of the unit"));
        assertThat(unit.report().allInlined()).as(unit.report().notInlined().toString()).isTrue();
        assertThat(corpus.runProgram(corpus.linkUnit(unit), "run", "500")).isEqualTo(expected);
    }
}
