package dev.graft.cargo;

import dev.graft.ExitCode;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** graft in cargo's wrapper form ({@code graft /path/to/rustc ARGS}) on plain rustc command lines. */
class RustcWrapperTest {

    @TempDir
    Path dir;
    private final Toolchain toolchain = TestToolchain.require();
    private Path graft;

    @BeforeEach
    void helpers() throws Exception {
        graft = GraftScript.write(dir);
        Fixtures.copyE2e(dir, List.of("helpers.c", "api.h"));
        Fixtures.copy(dir, "cargo", List.of("crate_types.rs"));
        Files.createDirectories(dir.resolve("native"));
        Files.createDirectories(dir.resolve("out"));
        GraftRun helpers = GraftRun.run(dir, "helpers", "-o", "native/" + HelperDiscovery.FILE_NAME, "helpers.c",
                "--", "-O2");
        helpers.succeeded();
        // The fallback a -sys crate links: the same helpers as a static library.
        run(Command.of(toolchain.llvm().clang(), "-c", "-O2", "-fPIC", "helpers.c", "-o", "native/helpers.o"));
        run(Command.of(toolchain.llvm().binDirectory().resolve("llvm-ar"), "crs", "native/libhelpers.a",
                "native/helpers.o"));
    }

    @ParameterizedTest
    @CsvSource({"staticlib, libcrate_types-x.a", "cdylib, libcrate_types-x.so", "dylib, libcrate_types-x.so",
            "rlib, libcrate_types-x.rlib"})
    void everyCrateTypeComesOutWithItsHelpersInlined(String crateType, String output) throws Exception {
        CommandResult built = wrapper(crateType, "3");
        assertThat(built.stderr()).doesNotContain("warning");
        String symbols = run(Command.of(toolchain.llvm().llvmNm(), dir.resolve("out").resolve(output).toString()))
                .stdout();
        assertThat(symbols).contains("sum_to");
        assertThat(crateSymbols(symbols)).as(symbols).doesNotContain("rust_helper_");
        assertThat(Files.readString(dir.resolve("out/graft/" + "crate_types-x.json")))
                .contains("\"crate_types\" : [ \"" + crateType + "\" ]");
        assertThat(Files.readString(dir.resolve("out/graft/summary.txt")))
                .containsPattern("(?m)^crate_types +" + crateType + " +(\\d+)/\\1 ");
        assertThat(Files.readString(dir.resolve("out/crate_types-x.d"))).contains(HelperDiscovery.FILE_NAME);
        try (var left = Files.list(dir.resolve("out"))) {
            assertThat(left.map(Path::toString).filter(p -> p.endsWith(".bc")).toList()).isEmpty();
        }
    }

    @Test
    void helpersNamedInTheEnvironmentNeedNoSearchPath() throws Exception {
        Files.move(dir.resolve("native/" + HelperDiscovery.FILE_NAME), dir.resolve("named.bc"));
        wrapper("staticlib", "3", Map.of(HelperDiscovery.ENVIRONMENT, "named.bc"));
        assertThat(Files.readString(dir.resolve("out/graft/summary.txt")))
                .containsPattern("(?m)^crate_types +staticlib +([1-9]\\d*)/\\1 ");
        assertThat(Files.readString(dir.resolve("out/crate_types-x.d"))).contains(dir.resolve("named.bc").toString());
    }

    @Test
    void aMissingHelperFileFailsTheCrateWithOneLine() throws Exception {
        List<String> argv = wrapperArgv("rlib", "3");
        CommandResult failed = ProcessRunner.quiet().run(new Command(argv, Optional.of(dir),
                Map.of(HelperDiscovery.ENVIRONMENT, "nope.bc", "GRAFT_CACHE_DIR", dir.resolve(".cache").toString()),
                Command.DEFAULT_TIMEOUT));
        assertThat(failed.exitCode()).isEqualTo(ExitCode.BAD_INPUT.status());
        assertThat(failed.stderr().strip()).isEqualTo("graft: helper bitcode " + dir.resolve("nope.bc")
                + " (named in GRAFT_HELPERS) does not exist");
        assertThat(dir.resolve("out/libcrate_types-x.rlib")).as("rustc did not run").doesNotExist();
    }

    @Test
    void rustcErrorsAreRustcsAloneAndLeaveNoBitcode() throws Exception {
        Files.writeString(dir.resolve("crate_types.rs"), "pub fn broken( {\n");
        CommandResult failed = ProcessRunner.quiet().run(new Command(wrapperArgv("rlib", "3"), Optional.of(dir),
                Map.of("GRAFT_CACHE_DIR", dir.resolve(".cache").toString()), Command.DEFAULT_TIMEOUT));
        assertThat(failed.exitCode()).isEqualTo(ExitCode.TOOL_FAILED.status());
        assertThat(failed.stderr()).contains("\"$message_type\":\"diagnostic\"").doesNotContain("graft:");
        try (var left = Files.list(dir.resolve("out"))) {
            assertThat(left.map(Path::toString).filter(p -> p.endsWith(".bc")).toList()).isEmpty();
        }
    }

    @Test
    void optLevelZeroPassesThroughUnchanged() throws Exception {
        wrapper("staticlib", "0");
        String symbols = run(Command.of(toolchain.llvm().llvmNm(), dir.resolve("out/libcrate_types-x.a").toString()))
                .stdout();
        assertThat(symbols).contains("U rust_helper_add");
        assertThat(dir.resolve("out/graft")).doesNotExist();
    }

    @Test
    void versionQueryIsRustcsOwn() throws Exception {
        String direct = run(Command.of(toolchain.rustc().executable(), "-vV")).stdout();
        String wrapped = run(Command.of(graft, toolchain.rustc().executable().toString(), "-vV")).stdout();
        assertThat(wrapped).isEqualTo(direct);
    }

    @Test
    void refusesToRunItselfAsRustc() {
        GraftRun run = GraftRun.run(dir, graft.toString(), "-vV");
        run.failedWith(ExitCode.BAD_INPUT);
        assertThat(run.err()).startsWith("graft: graft was given itself as the rustc to run");
    }

    @Test
    void makeFormWorksWithRustcInTheEnvironment() {
        // make exports a command-line RUSTC to its recipes: graft must find the real rustc, not run RUSTC.
        GraftRun run = GraftRun.run(dir, Map.of("RUSTC", graft + " rustc --helpers native/graft-helpers.bc --",
                        "GRAFT_CACHE_DIR", dir.resolve(".cache").toString()), "rustc", "--helpers",
                "native/" + HelperDiscovery.FILE_NAME, "--", "--crate-type=lib", "-O", "--emit=obj=ct.o",
                "crate_types.rs");
        run.succeeded();
        assertThat(dir.resolve("ct.o")).exists();
    }

    /**
     * The symbols of the crate's own code: an archive's codegen-unit members (it also holds the bundled
     * static library of helpers, which is what a plain link would use), or the whole of a linked library.
     */
    private static String crateSymbols(String nm) {
        if (!nm.contains(".rcgu.o:")) {
            return nm;
        }
        StringBuilder own = new StringBuilder();
        for (String block : nm.split("\n\n")) {
            if (block.strip().startsWith("crate_types-x.crate_types.")) {
                own.append(block).append('\n');
            }
        }
        assertThat(own).as("the crate's members").isNotEmpty();
        return own.toString();
    }

    private CommandResult wrapper(String crateType, String optLevel) throws Exception {
        return wrapper(crateType, optLevel, Map.of());
    }

    private CommandResult wrapper(String crateType, String optLevel, Map<String, String> extra) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("GRAFT_EXECUTABLE", graft.toString());
        env.put("GRAFT_CACHE_DIR", dir.resolve(".cache").toString());
        return run(new Command(wrapperArgv(crateType, optLevel), Optional.empty(), env, Command.DEFAULT_TIMEOUT));
    }

    private List<String> wrapperArgv(String crateType, String optLevel) {
        return new ArrayList<>(List.of(graft.toString(), toolchain.rustc().executable().toString(),
                "--crate-name", "crate_types", "--edition=2021", "crate_types.rs", "--error-format=json",
                "--crate-type", crateType, "--emit=dep-info,link", "-C", "opt-level=" + optLevel, "-C",
                "codegen-units=4", "-C", "extra-filename=-x", "--out-dir", dir.resolve("out").toString(),
                "-L", "native=" + dir.resolve("native"), "-l", "static=helpers"));
    }

    private CommandResult run(Command command) throws Exception {
        CommandResult result = ProcessRunner.quiet().run(command.inDirectory(dir));
        assertThat(result.exitCode()).as(command.render() + "\n" + result.stdout() + result.stderr()).isZero();
        return result;
    }
}
