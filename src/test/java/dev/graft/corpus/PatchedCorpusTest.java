package dev.graft.corpus;

import dev.graft.process.Command;
import dev.graft.testkit.Checked;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The corpus libraries' crates (libxdp, liburing: helpers no one here wrote, with their own flags)
 * patched as the cargo wrapper patches a codegen unit: the program linked from rustc's edited object and the
 * patch prints what the C program calling the inline API prints, every call site is inlined, the two objects
 * define the global symbols rustc's object defines, and every function left in rustc's object keeps its
 * instructions and relocations.
 */
class PatchedCorpusTest {

    @TempDir
    Path dir;
    private final Toolchain toolchain = TestToolchain.require();

    @ParameterizedTest
    // liburcu's crate calls a helper in every function: nothing of rustc's object would be kept, and graft
    // generates that unit whole (PatchExtraction), as UrcuHelpersTest checks.
    @ValueSource(strings = {"libxdp", "liburing"})
    void aPatchedUnitOfTheLibrarysCrateRunsAsTheCProgramAndKeepsRustcsCode(String library) throws Exception {
        WrappedLibraryCorpus corpus = new WrappedLibraryCorpus(library, dir);
        String expected = corpus.runProgram(corpus.buildC(), "run", "500");
        WrappedLibraryCorpus.PatchedBuild build = corpus.buildPatched();

        assertThat(build.report().allInlined()).as(build.report().notInlined().toString()).isTrue();
        assertThat(corpus.runProgram(build.program(), "run", "500")).isEqualTo(expected);
        assertThat(globalDefinitions(List.of(build.edited(), build.patch())))
                .isEqualTo(globalDefinitions(List.of(build.rustcObject())));
        // The edited object also defines hidden aliases (name.graft.<tag>) of the locals the patch uses.
        List<String> kept = functions(build.edited()).stream().filter(f -> !f.contains(".graft.")).toList();
        assertThat(kept).as("functions calling no helper stay rustc's").isNotEmpty();
        assertThat(functions(build.rustcObject())).containsAll(kept);
        for (String function : kept) {
            assertThat(code(build.edited(), function)).as(function + " is rustc's code")
                    .isEqualTo(code(build.rustcObject(), function));
        }
        assertThat(corpus.disassemble(build.edited()) + corpus.disassemble(build.patch()))
                .as("no wrapper is called").doesNotContain("__extern");
    }

    /** The global and weak symbols the objects define, graft's hidden names for local functions aside. */
    private Set<String> globalDefinitions(List<Path> objects) throws Exception {
        Set<String> names = new TreeSet<>();
        for (Path object : objects) {
            Checked.run(Command.of(toolchain.llvm().llvmNm(), "--defined-only", "--extern-only",
                    "--format=just-symbols", object.toString())).stdout().lines()
                    .filter(n -> !n.contains(".graft.")).forEach(names::add);
        }
        return names;
    }

    private List<String> functions(Path object) throws Exception {
        return Checked.run(Command.of(toolchain.llvm().llvmNm(), "--defined-only", object.toString())).stdout()
                .lines().map(l -> l.split(" ")).filter(f -> f.length == 3 && f[1].equalsIgnoreCase("t"))
                .map(f -> f[2]).toList();
    }

    /** Instructions and relocations without addresses; a local function named alike by section or hidden name. */
    private String code(Path object, String function) throws Exception {
        return Checked.run(Command.of(toolchain.llvm().llvmObjdump(), "-dr", "--no-show-raw-insn",
                        "--disassemble-symbols=" + function, object.toString())).stdout().lines()
                .filter(l -> l.matches("^\\s+[0-9a-f]+:.*"))
                .map(l -> l.replaceFirst("^\\s+[0-9a-f]+:\\s*", "").replaceAll("\\.text\\.", "")
                        .replaceAll("\\.graft\\.[0-9a-f]{16}", ""))
                .collect(Collectors.joining("\n"));
    }
}
