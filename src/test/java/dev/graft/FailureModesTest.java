package dev.graft;

import dev.graft.helpers.HelperLibrary;
import dev.graft.process.Command;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Checked;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.LlvmTools;
import dev.graft.toolchain.LlvmVersion;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input and bad command lines: each gets one clear line and its documented exit code. */
class FailureModesTest {

    private static final List<String> FIXTURES = List.of("helpers.c", "api.h", "uses_helpers.rs", "no_helpers.rs",
            "wrong_signature.rs", "defines_helper.rs", "broken.c", "duplicate.c", "globals.c", "empty.c");

    @TempDir
    Path dir;
    private Toolchain toolchain;

    @BeforeEach
    void copyFixtures() throws IOException {
        toolchain = TestToolchain.require();
        Fixtures.copyE2e(dir, FIXTURES);
    }

    private GraftRun graft(String... args) {
        return GraftRun.run(dir, args);
    }

    private GraftRun helpers(String output, String... sources) {
        List<String> args = new ArrayList<>(List.of("helpers", "-o", output));
        args.addAll(Arrays.asList(sources));
        args.addAll(List.of("--", "-O2", "-I."));
        return graft(args.toArray(String[]::new));
    }

    private GraftRun rustc(String... rustcArgs) {
        List<String> args = new ArrayList<>(List.of("rustc", "--helpers", "h.bc", "--"));
        args.addAll(Arrays.asList(rustcArgs));
        return graft(args.toArray(String[]::new));
    }


    private static void assertFails(GraftRun run, ExitCode code, String... phrases) {
        assertThat(run.failedWith(code).failureLine()).contains(phrases);
    }

    @Test
    void missingHelperSource() {
        assertFails(helpers("h.bc", "nope.c"), ExitCode.BAD_INPUT, "cannot read helper source nope.c: no such file");
        assertThat(dir.resolve("h.bc")).doesNotExist();
    }

    @Test
    void helperSourceThatIsADirectory() throws IOException {
        Files.createDirectory(dir.resolve("dir.c"));
        assertFails(helpers("h.bc", "dir.c"), ExitCode.BAD_INPUT, "cannot read helper source dir.c: not a readable file");
    }

    @Test
    void aHelperSourceClangDoesNotTakeForCIsNamedAsSuch() throws IOException {
        Files.writeString(dir.resolve("wrapper.rs"), "fn main() {}\n");
        Files.writeString(dir.resolve("helpers.txt"), "int rust_helper_one(void) { return 1; }\n");
        for (String source : List.of("wrapper.rs", "helpers.txt")) {
            assertFails(helpers("h.bc", source), ExitCode.BAD_INPUT, "clang did not compile " + source + " as C: clang goes by the "
                    + "file's name");
        }
        GraftRun asC = graft("helpers", "-o", "h.bc", "helpers.txt", "--", "-x", "c");
        asC.succeeded();
        assertThat(asC.out()).contains("1 helpers");
    }

    @Test
    void cThatDoesNotCompileShowsClangsDiagnostics() {
        GraftRun run = helpers("h.bc", "broken.c");
        assertFails(run, ExitCode.TOOL_FAILED, "clang could not compile helper source broken.c");
        assertThat(run.err()).contains("broken.c:1:").contains("error: expected expression");
        assertThat(dir.resolve("h.bc")).doesNotExist();
    }

    @Test
    void emptyHelperFile() {
        assertFails(helpers("h.bc", "empty.c"), ExitCode.BAD_INPUT, "define no external functions");
    }

    @Test
    void twoSourcesDefiningTheSameHelper() {
        assertFails(helpers("h.bc", "helpers.c", "duplicate.c"), ExitCode.BAD_INPUT,
                "helper rust_helper_add is defined in both helpers.c and duplicate.c");
    }

    @Test
    void helpersDefiningGlobalVariables() {
        assertFails(helpers("h.bc", "globals.c"), ExitCode.BAD_INPUT, "helpers define global variables [shared_state]");
    }

    @Test
    void helperBitcodeThatIsNotBitcode() throws IOException {
        helpers("h.bc", "helpers.c").succeeded();
        Files.writeString(dir.resolve("text.bc"), "hello\n");
        GraftRun run = graft("rustc", "--helpers", "text.bc", "--", "--crate-type=lib", "--emit=obj=k.o",
                "uses_helpers.rs");
        assertFails(run, ExitCode.BAD_INPUT, "text.bc is not LLVM bitcode (Invalid bitcode signature)");
    }

    @Test
    void truncatedBitcode() throws IOException {
        helpers("h.bc", "helpers.c").succeeded();
        byte[] whole = Files.readAllBytes(dir.resolve("h.bc"));
        Files.write(dir.resolve("cut.bc"), Arrays.copyOf(whole, whole.length / 3));
        // LLVM's own words depend on where the cut falls (bad signature, or a skip past the end).
        assertFails(graft("report", "--helpers", "cut.bc", "h.bc"), ExitCode.BAD_INPUT, "cut.bc is not");
        Files.write(dir.resolve("cut100.bc"), Arrays.copyOf(whole, 100));
        assertFails(graft("report", "--helpers", "cut100.bc", "h.bc"), ExitCode.BAD_INPUT, "cut100.bc is not valid LLVM",
                "truncated or damaged");
        assertFails(graft("report", "h.bc"), ExitCode.BAD_INPUT, "cannot read object", "not recognized as a valid object file");
    }

    @Test
    void bitcodeFromANewerLlvmThanTheToolsReadingIt() throws Exception {
        helpers("h.bc", "helpers.c").succeeded();
        // LLVM 14 (Debian's default) reading LLVM 22 bitcode is exactly this situation.
        Path old = Path.of("/usr/lib/llvm-14/bin");
        assertThat(old.resolve("llvm-dis")).as("this test reads with Debian's LLVM 14 llvm-dis").isExecutable();
        LlvmTools llvm14 = new LlvmTools(old, new LlvmVersion(14, 0, 6), old.resolve("clang"),
                old.resolve("llvm-link"), old.resolve("llvm-as"), old.resolve("llvm-dis"), old.resolve("llvm-nm"),
                old.resolve("llvm-objdump"), Optional.empty());
        assertThatThrownBy(() -> HelperLibrary.read(dir.resolve("h.bc"), llvm14, ProcessRunner.quiet()))
                .isInstanceOf(GraftException.class)
                .hasMessageContaining("was written by LLVM " + toolchain.llvm().version().major() + ".")
                .hasMessageContaining("newer than the LLVM 14.0.6 graft uses")
                .satisfies(e -> assertThat(((GraftException) e).exitCode()).isEqualTo(ExitCode.TOOLCHAIN));
    }

    @Test
    void textualIrThatDoesNotParse() throws IOException {
        helpers("h.bc", "helpers.c").succeeded();
        Files.writeString(dir.resolve("bad.ll"), "define i32 @f() {\n  ret i32 %nope\n}\n");
        assertFails(graft("link", "--helpers", "h.bc", "-o", "bad.o", "bad.ll"), ExitCode.BAD_INPUT,
                "bad.ll does not parse as LLVM", "use of undefined value '%nope'");
        assertThat(dir.resolve("bad.o")).doesNotExist();
    }

    @Test
    void textualIrThatParsesIsLinkedLikeBitcode() throws Exception {
        helpers("h.bc", "helpers.c").succeeded();
        Checked.run(Command.of(toolchain.rustc().executable(), "--crate-type=lib", "-O",
                "--emit=llvm-ir=k.ll", "uses_helpers.rs").inDirectory(dir));
        GraftRun run = graft("link", "--helpers", "h.bc", "-o", "k.o", "k.ll", "--", "-O");
        run.succeeded();
        assertThat(run.out()).matches("(?s)inlined (\\d+)/\\1 .*");
    }

    @Test
    void crateDefiningASymbolTheHelpersDefine() {
        helpers("h.bc", "helpers.c").succeeded();
        assertFails(rustc("--crate-type=lib", "-O", "--emit=obj=d.o", "defines_helper.rs"), ExitCode.BAD_INPUT,
                "the crate defines rust_helper_add, which the helper library h.bc also defines");
        assertThat(dir.resolve("d.o")).doesNotExist();
    }

    @Test
    void rustcCommandLinesThatEmitNoObjectOrSeveral() {
        helpers("h.bc", "helpers.c").succeeded();
        // A metadata-only build has nothing for graft and passes through (MakeFormPassThroughTest); a link does
        // not: graft can only inline into an object it generates.
        assertFails(rustc("--crate-type=lib", "--emit=link", "uses_helpers.rs"), ExitCode.BAD_INPUT, "emits no object");
        assertFails(rustc("--crate-type=lib", "--emit=obj=a.o", "--emit=obj=b.o", "uses_helpers.rs"), ExitCode.BAD_INPUT,
                "emits several objects");
        assertFails(graft("rustc", "--helpers", "h.bc"), ExitCode.BAD_INPUT, "no rustc arguments");
    }

    @Test
    void unknownFlagsAndMissingRequiredOptions() {
        assertFails(graft("rustc", "--helpers", "h.bc", "--frobnicate", "--", "x.rs"), ExitCode.BAD_INPUT,
                "Unknown option: '--frobnicate'");
        assertFails(graft("helpers", "x.c"), ExitCode.BAD_INPUT, "Missing required option: '-o=OUT.bc'");
        assertFails(graft("bogus"), ExitCode.BAD_INPUT, "Unmatched argument at index 0: 'bogus'");
        assertFails(graft("helpers", "--linkage", "weak", "-o", "h.bc", "helpers.c"), ExitCode.BAD_INPUT, "unknown --linkage 'weak'");
        assertFails(graft("rustc", "--helpers", "h.bc", "--backend", "llvm", "--", "x.rs"), ExitCode.BAD_INPUT,
                "unknown backend 'llvm'");
    }

    @Test
    void forcingInliningWithTheToolsBackendIsRefused() {
        // The tools backend could not keep a retpoline-built indirect call out of code without retpolines.
        for (String force : List.of("--force-inline", "--ignore-target-compat")) {
            assertFails(graft("rustc", "--helpers", "h.bc", "--backend", "tools", force, "--", "x.rs"), ExitCode.BAD_INPUT,
                    force.equals("--force-inline") ? "--force-inline" : "--ignore-target-compat", "--backend inprocess");
        }
    }

    @Test
    void rustcMissing() {
        GraftRun run = GraftRun.run(dir, Map.of("RUSTC", dir.resolve("no-such-rustc").toString(), "GRAFT_CACHE_DIR",
                dir.resolve(".cache").toString()), "helpers", "-o", "h.bc", "helpers.c");
        assertFails(run, ExitCode.TOOLCHAIN, "could not run", "no-such-rustc");
    }

    @Test
    void pathsWithSpacesNonAsciiAndResponseFiles() throws Exception {
        Path odd = Files.createDirectories(dir.resolve("with space/ünïcødé"));
        Files.copy(dir.resolve("helpers.c"), odd.resolve("hélpers.c"));
        Files.copy(dir.resolve("api.h"), odd.resolve("api.h"));
        Files.copy(dir.resolve("uses_helpers.rs"), odd.resolve("crate ü.rs"));
        GraftRun compiled = graft("helpers", "-o", "with space/ünïcødé/h b.bc", "with space/ünïcødé/hélpers.c");
        compiled.succeeded();
        Files.writeString(dir.resolve("args.txt"), String.join("\n", "--crate-type=lib", "--crate-name=odd",
                "-Copt-level=2", "--emit=obj=with space/ünïcødé/out ö.o,dep-info", "--out-dir",
                "with space/ünïcødé", "with space/ünïcødé/crate ü.rs") + "\n");
        GraftRun built = graft("rustc", "--helpers", "with space/ünïcødé/h b.bc", "--report", "r ü.json", "--",
                "@args.txt");
        built.succeeded();
        assertThat(odd.resolve("out ö.o")).exists();
        assertThat(Files.readString(odd.resolve("odd.d"))).contains("with\\ space/ünïcødé/out\\ ö.o:");
        assertThat(Files.readString(dir.resolve("r ü.json"))).contains("\"crate\" : \"odd\"");
    }

    @Test
    void crateThatReferencesNoHelperReportsZero() {
        helpers("h.bc", "helpers.c").succeeded();
        GraftRun run = graft("rustc", "--verbose", "--helpers", "h.bc", "--", "--crate-type=lib", "-O",
                "--emit=obj=n.o", "no_helpers.rs");
        run.succeeded();
        assertThat(run.err()).contains("inlined 0/0 helper call sites");
    }
}
