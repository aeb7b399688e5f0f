package dev.graft.cargo;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.report.LeftOutOfLine;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crate that leaves helper calls out of line says so in one line of cargo's normal output (no -v), as a
 * warning cargo renders and counts like rustc's own; a crate whose calls all inlined adds nothing.
 */
class LeftOutOfLineLineTest {

    @TempDir
    Path dir;
    private final Toolchain toolchain = TestToolchain.require();
    private Path graft;

    @BeforeEach
    void setUp() throws Exception {
        graft = GraftScript.write(dir);
        Fixtures.copyE2e(dir, List.of("helpers.c", "api.h"));
        GraftRun.run(dir, "helpers", "-o", "helpers.bc", "helpers.c", "--", "-O2").succeeded();
    }

    private Path crate(String name, String source) throws Exception {
        Path crate = Files.createDirectories(dir.resolve(name).resolve("src")).getParent();
        Files.writeString(crate.resolve("Cargo.toml"), "[package]\nname = \"" + name + "\"\nversion = \"0.1.0\"\n"
                + "edition = \"2021\"\n\n[lib]\npath = \"src/lib.rs\"\n");
        Files.writeString(crate.resolve("src/lib.rs"), source);
        return crate;
    }

    private CommandResult cargoBuild(Path crate) throws Exception {
        return cargoBuild(crate, "helpers.bc", Map.of());
    }

    private CommandResult cargoBuild(Path crate, String helpers, Map<String, String> extra) throws Exception {
        Path cargo = toolchain.rustc().executable().resolveSibling("cargo");
        Map<String, String> env = new HashMap<>();
        env.put("GRAFT_CACHE_DIR", dir.resolve("cache").toString());
        env.put("GRAFT_EXECUTABLE", graft.toString());
        env.put("GRAFT_HELPERS", dir.resolve(helpers).toString());
        env.put("RUSTC_WRAPPER", graft.toString());
        env.put("CARGO_TERM_COLOR", "never");
        env.putAll(extra);
        CommandResult result = ProcessRunner.quiet().run(new Command(List.of(Files.isExecutable(cargo)
                ? cargo.toString() : "cargo", "build", "--release", "--offline"), Optional.of(crate), env,
                Command.DEFAULT_TIMEOUT));
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        return result;
    }

    @Test
    void aCrateWithCallsLeftSaysSoInOneWarningCargoShows() throws Exception {
        Fixtures.copyE2e(dir, List.of("wrong_signature.rs"));
        Path crate = crate("mismatched", Files.readString(dir.resolve("wrong_signature.rs")));
        String stderr = cargoBuild(crate).stderr();
        List<String> lines = stderr.lines().filter(l -> l.contains("graft")).toList();
        assertThat(lines).as(stderr).singleElement().asString()
                .startsWith("warning: graft: mismatched: 1 of 1 helper call site left out of line; first: "
                        + "rust_helper_add in twice: the crate declares rust_helper_add as i64 (i64)")
                .contains("fix the extern declaration", "target/release/graft/mismatched-");
        assertThat(stderr).as("cargo counts it as the crate's warning").contains("generated 1 warning");
    }

    @Test
    void aCrateWhoseCallsAllInlinedAddsNothing() throws Exception {
        Path crate = crate("matched", """
                #![no_std]
                extern "C" {
                    fn rust_helper_add(a: i32, b: i32) -> i32;
                }
                #[no_mangle]
                pub extern "C" fn twice(x: i32) -> i32 {
                    unsafe { rust_helper_add(x, x) }
                }
                """);
        String stderr = cargoBuild(crate).stderr();
        assertThat(stderr).contains("Compiling matched").doesNotContain("graft").doesNotContain("warning");
        assertThat(Files.readString(crate.resolve("target/release/graft/summary.txt")))
                .containsPattern("(?m)^matched +lib +1/1 ");
    }

    /** Shims built with -march=native: the intrinsic one inlines under cargo with the one setting, in the environment. */
    @Test
    void theSettingIsOneEnvironmentVariableUnderCargo() throws Exception {
        Fixtures.copy(dir, "targets", List.of("cpu.c", "cpu.rs"));
        GraftRun.run(dir, "helpers", "-o", "cpu.bc", "cpu.c", "--", "-O2", "-march=native").succeeded();
        Path crate = crate("shims", Files.readString(dir.resolve("cpu.rs")));
        String without = cargoBuild(crate, "cpu.bc", Map.of()).stderr();
        assertThat(without.lines().filter(l -> l.contains("graft")).toList()).as(without).singleElement().asString()
                .startsWith("warning: graft: shims: 2 of 3 helper call sites left out of line; first: ");
        Files.writeString(crate.resolve("src/lib.rs"), Files.readString(crate.resolve("src/lib.rs")) + "\n");
        String with = cargoBuild(crate, "cpu.bc", Map.of("GRAFT_CALLER_FEATURES_FROM_HELPERS", "1")).stderr();
        assertThat(with).contains("Compiling shims").doesNotContain("graft");
        assertThat(Files.readString(crate.resolve("target/release/graft/summary.txt")))
                .containsPattern("(?m)^shims +lib +3/3 ");
    }

    @Test
    void cargosFormIsAWarningItRendersExceptForADependencyWhoseWarningsItDrops() {
        LeftOutOfLine line = new LeftOutOfLine("c", 1, 2, "r", "d");
        assertThat(LeftOutOfLine.jsonDiagnostics(List.of("--error-format=json", "--crate-type", "lib"))).isTrue();
        assertThat(LeftOutOfLine.jsonDiagnostics(List.of("--error-format", "json", "--cap-lints", "allow"))).isFalse();
        assertThat(LeftOutOfLine.jsonDiagnostics(List.of("--crate-type", "lib"))).isFalse();
        assertThat(line.render(true)).startsWith("{\"$message_type\":\"diagnostic\"")
                .contains("\"level\":\"warning\"", "\"rendered\":\"warning: graft: c: 1 of 2 helper call sites left "
                        + "out of line; first: r (d)\\n\\n\"");
        assertThat(line.render(false)).isEqualTo("graft: warning: c: 1 of 2 helper call sites left out of line; "
                + "first: r (d)");
    }
}
