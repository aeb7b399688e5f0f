package dev.graft.cargo;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/cargo-workspace built by cargo (offline, path dependencies only) with and without
 * {@code RUSTC_WRAPPER=graft}: the program, the helper calls left in it, what cargo rebuilds.
 */
class CargoWorkspaceTest {

    /**
     * rustc's PIC code calls through the GOT, which a disassembly does not name; but a binary that still
     * calls a wrapper must define it (from the wrappers' static library or a helper's weak copy), and
     * one that calls none links neither.
     */
    private static final Pattern HELPER_SYMBOL = Pattern.compile(" [TtWw] \\w+__extern$");

    @TempDir
    Path dir;
    private final Toolchain toolchain = TestToolchain.require();
    private Path workspace;
    private Path graft;

    @BeforeEach
    void copyWorkspace() throws IOException {
        workspace = Fixtures.copyExample("cargo-workspace", dir.resolve("ws"));
        graft = GraftScript.write(dir);
    }

    @Test
    void releaseBuildInlinesEveryHelperRebuildsWhatChangedAndSwitchesOffAndOn() throws Exception {
        CommandResult plain = cargo(false, "build", "--release");
        assertThat(plain.stderr()).contains("Compiling counter-sys");
        String plainOutput = app("release");
        assertThat(helperSymbols("release")).as("the plain build links its C wrappers").isPositive();

        CommandResult grafted = cargo(true, "build", "--release");
        assertThat(grafted.stderr()).as("switching the wrapper on rebuilds").contains("Compiling counter ")
                .contains("Compiling app ").doesNotContain("warning");
        assertThat(app("release")).isEqualTo(plainOutput);
        assertThat(helperSymbols("release")).as("no helper is left in the binary").isZero();
        String summary = Files.readString(workspace.resolve("target/release/graft/summary.txt"));
        assertThat(crateRow(summary, "counter", "lib")).as(summary).satisfies(this::allInlined);
        assertThat(crateRow(summary, "app", "bin")).as(summary).satisfies(this::allInlined);
        assertThat(Files.readString(single(workspace.resolve("target/release/deps"), "counter-", ".d")))
                .as("the dep-info names the helpers").contains("graft-helpers.bc");
        assertThat(bitcodeLeftIn(workspace.resolve("target/release/deps"))).isEmpty();

        assertThat(cargo(true, "build", "--release").stderr()).as("a second build does nothing")
                .doesNotContain("Compiling");

        Path header = workspace.resolve("counter-sys/csrc/counter.h");
        Files.writeString(header, Files.readString(header).replace("0xff51afd7ed558ccdULL", "0xc4ceb9fe1a85ec53ULL"));
        CommandResult edited = cargo(true, "build", "--release");
        assertThat(edited.stderr()).as("editing a helper rebuilds its dependents").contains("Compiling counter-sys")
                .contains("Compiling counter ").contains("Compiling app ");
        String editedOutput = app("release");
        assertThat(editedOutput).as("the new helper code is what runs").isNotEqualTo(plainOutput);
        assertThat(helperSymbols("release")).isZero();

        CommandResult off = cargo(false, "build", "--release");
        assertThat(off.stderr()).as("switching the wrapper off rebuilds").contains("Compiling app ");
        assertThat(app("release")).isEqualTo(editedOutput);
        assertThat(helperSymbols("release")).isPositive();
    }

    @Test
    void testsAndAnLtoProfileBuildUnderTheWrapper() throws Exception {
        CommandResult tests = cargo(true, "test", "--release");
        assertThat(tests.stdout()).contains("test wraps_at_the_limit ... ok").contains("test generic_and_inline_agree ... ok");
        String summary = Files.readString(workspace.resolve("target/release/graft/summary.txt"));
        assertThat(crateRow(summary, "counting", "test")).as(summary).satisfies(this::allInlined);

        cargo(true, "build", "--profile", "fat");
        String lto = app("fat");
        cargo(false, "build", "--release");
        assertThat(lto).isEqualTo(app("release"));
        assertThat(workspace.resolve("target/fat/graft")).as("graft passes LTO builds through").doesNotExist();
    }

    @Test
    void cargoNamingRustcByItsBareNameGetsRustcNotGraftsRustcCommand() throws Exception {
        // RUSTC=rustc: cargo runs 'graft rustc -vV', then 'graft rustc --crate-name ...', the word rustc being
        // its compiler, not graft's command of the same name.
        String path = toolchain.rustc().executable().getParent() + File.pathSeparator + System.getenv("PATH");
        CommandResult build = cargo(true, Map.of("RUSTC", "rustc", "PATH", path), "build", "--release");
        assertThat(build.stderr()).doesNotContain("graft:");
        String summary = Files.readString(workspace.resolve("target/release/graft/summary.txt"));
        assertThat(crateRow(summary, "app", "bin")).as(summary).satisfies(this::allInlined);
    }

    @Test
    void llvmArgsTheInProcessBackendCannotApplyAreSaidPerCrate() throws Exception {
        CommandResult build = cargo(true, Map.of("RUSTFLAGS", "-Cllvm-args=-x86-asm-syntax=att"), "build",
                "--release");
        assertThat(build.stderr()).contains("graft: warning: counter: -Cllvm-args=-x86-asm-syntax=att shaped rustc's "
                + "optimisation of the crate, not graft's in-process optimisation and code generation");
        String summary = Files.readString(workspace.resolve("target/release/graft/summary.txt"));
        assertThat(crateRow(summary, "counter", "lib")).as(summary).satisfies(this::allInlined);
    }

    private CommandResult cargo(boolean withGraft, String... args) throws Exception {
        return cargo(withGraft, Map.of(), args);
    }

    private CommandResult cargo(boolean withGraft, Map<String, String> extraEnvironment, String... args)
            throws Exception {
        Map<String, String> env = CargoRun.graftEnvironment(dir, graft, withGraft);
        env.putAll(extraEnvironment);
        return CargoRun.run(toolchain, workspace, env, args);
    }

    private String app(String profile) throws Exception {
        CommandResult run = ProcessRunner.quiet().run(Command.of(workspace.resolve("target/" + profile + "/app"), "20000"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.stdout();
    }

    private long helperSymbols(String profile) throws Exception {
        CommandResult symbols = ProcessRunner.quiet().run(Command.of(toolchain.llvm().llvmNm(),
                workspace.resolve("target/" + profile + "/app").toString()));
        assertThat(symbols.exitCode()).isZero();
        return symbols.stdout().lines().filter(l -> HELPER_SYMBOL.matcher(l).find()).count();
    }

    private static String crateRow(String summary, String crate, String type) {
        Matcher row = Pattern.compile("(?m)^" + crate + " +" + type + " +(\\d+/\\d+) ").matcher(summary);
        return row.find() ? row.group(1) : "";
    }

    private void allInlined(String fraction) {
        String[] parts = fraction.split("/");
        assertThat(parts).hasSize(2);
        assertThat(Integer.parseInt(parts[1])).isPositive();
        assertThat(parts[0]).isEqualTo(parts[1]);
    }

    private static Path single(Path directory, String prefix, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(suffix)).toList();
            assertThat(found).hasSize(1);
            return found.getFirst();
        }
    }

    private static List<Path> bitcodeLeftIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.toString().endsWith(".bc")).toList();
        }
    }
}
