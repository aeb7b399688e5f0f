package dev.graft.report;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The symbol table graft reads itself agrees with llvm-objdump's on real objects of every ELF kind (64 and
 * 32 bits, both byte orders, extended section numbering), and lets graft skip the disassembly exactly when
 * no helper is named in the object.
 */
class ElfSymbolsTest {

    private static final String SOURCE = """
            extern int imported(int);
            extern int imported_data;
            __attribute__((noinline)) static int local_helper(int x) { return imported(x) + 1; }
            int exported(int x) { return local_helper(x) * imported_data; }
            __attribute__((weak)) int weak_one(void) { return 2; }
            int counter = 3;
            static const char tag[] = "t";
            const char *tag_of(void) { return tag; }
            """;

    @TempDir
    Path dir;
    private final Toolchain toolchain = TestToolchain.require();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x86_64-linux-gnu", "i686-linux-gnu", "aarch64-linux-gnu", "powerpc64-linux-gnu",
            "armeb-linux-gnueabi"})
    void readsTheSymbolsObjdumpReads(String target) throws Exception {
        Files.writeString(dir.resolve("symbols.c"), SOURCE);
        Path object = compile(target, "symbols.c", "-O1");
        ObjectContents objdump = ObjectInspector.contents(objdump(object));
        ElfSymbols ours = ElfSymbols.read(object).orElseThrow();
        assertThat(ours.defined()).isEqualTo(objdump.definedSymbols())
                .contains("exported", "local_helper", "weak_one", "counter", "tag_of");
        assertThat(ours.undefined()).isEqualTo(objdump.undefinedSymbols()).contains("imported", "imported_data");
    }

    @Test
    void readsAnObjectWithMoreSectionsThanTheHeaderCanCount() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 33_000; i++) {
            many.append("int f").append(i).append("(void) { return ").append(i).append("; }\n")
                    .append("int d").append(i).append(" = ").append(i).append(";\n");
        }
        Files.writeString(dir.resolve("many.c"), many);
        Path object = compile("x86_64-linux-gnu", "many.c", "-O0", "-ffunction-sections", "-fdata-sections");
        ElfSymbols ours = ElfSymbols.read(object).orElseThrow();
        assertThat(ours.defined()).hasSize(66_000).contains("f0", "f32999", "d32999");
        assertThat(ours.defined()).isEqualTo(ObjectInspector.contents(objdump(object)).definedSymbols());
    }

    @Test
    void notAnElfFileIsLeftToObjdump() throws Exception {
        Files.writeString(dir.resolve("text.o"), "not an object\n");
        assertThat(ElfSymbols.read(dir.resolve("text.o"))).isEmpty();
    }

    @Test
    void graftDisassemblesOnlyAnObjectThatStillNamesAHelper() throws Exception {
        Fixtures.copyE2e(dir, List.of("helpers.c", "api.h", "uses_helpers.rs"));
        GraftRun.run(dir, "helpers", "-o", "h.bc", "helpers.c", "--", "-O2", "-I.").succeeded();

        GraftRun inlined = GraftRun.run(dir, "--verbose", "rustc", "--helpers", "h.bc", "--report", "all.json", "--",
                "--crate-type=lib", "-O", "--emit=obj=all.o", "uses_helpers.rs");
        inlined.succeeded();
        assertThat(inlined.err()).doesNotContain("llvm-objdump");
        assertThat(inlined.out() + inlined.err()).doesNotContain("not inlined");

        // A noinline helper stays a call: found in the disassembly.
        Files.writeString(dir.resolve("kept.c"), """
                __attribute__((noinline)) int rust_helper_add(int a, int b) { return a + b; }
                int rust_helper_load(const int *p) { return *p; }
                void rust_helper_store(int *p, int v) { *p = v; }
                """);
        GraftRun.run(dir, "helpers", "-o", "kept.bc", "kept.c", "--", "-O2").succeeded();
        GraftRun left = GraftRun.run(dir, "--verbose", "rustc", "--helpers", "kept.bc", "--report", "kept.json",
                "--", "--crate-type=lib", "-O", "--emit=obj=kept.o", "uses_helpers.rs");
        left.succeeded();
        assertThat(left.err()).contains("llvm-objdump");
        InliningReport report = ReportJson.read(Files.readString(dir.resolve("kept.json")));
        assertThat(report.notInlined()).extracting(InliningReport.NotInlined::callee).containsOnly("rust_helper_add");
    }

    private Path compile(String target, String source, String... flags) throws Exception {
        Path object = dir.resolve(source.replace(".c", "-" + target + ".o"));
        List<String> args = new ArrayList<>(List.of("--target=" + target, "-c", source, "-o", object.toString()));
        args.addAll(List.of(flags));
        CommandResult r = ProcessRunner.quiet().run(Command.of(toolchain.llvm().clang(), args).inDirectory(dir));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return object;
    }

    private String objdump(Path object) throws Exception {
        CommandResult r = ProcessRunner.quiet().run(Command.of(toolchain.llvm().llvmObjdump(), "-d", "-r", "-t",
                "--no-show-raw-insn", object.toString()));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r.stdout();
    }
}
