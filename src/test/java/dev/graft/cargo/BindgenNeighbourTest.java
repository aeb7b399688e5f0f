package dev.graft.cargo;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.BothWays;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.ServerHarness;
import dev.graft.testkit.TestToolchain;
import dev.graft.testkit.Way;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's bindgen build beside graft (examples/bindgen-neighbour): after scripts/setup-toolchain installed
 * clang of rustc's LLVM version, Debian's bindgen, as a build script's library (clang-sys loads the newest
 * libclang under /usr/lib) and as the {@code bindgen} program, still reads a header that includes the
 * compiler's intrinsics headers, with nothing set. The machine's state is the set-up's, so this holds
 * exactly where the README's set-up ran (CI runs it through scripts/test).
 */
class BindgenNeighbourTest {

    /** What could steer clang-sys to a libclang or a clang: unset, as on a machine nobody configured. */
    private static final List<String> STEERING = List.of("LIBCLANG_PATH", "CLANG_PATH", "LLVM_CONFIG_PATH",
            "LD_LIBRARY_PATH", "BINDGEN_EXTRA_CLANG_ARGS");
    private static final Path DEBIAN_REGISTRY = Path.of("/usr/share/cargo/registry");

    @TempDir
    Path dir;
    private final Toolchain toolchain = TestToolchain.require();
    private BothWays ways;

    @BeforeEach
    void requireDebiansBindgen() throws IOException {
        try (Stream<Path> crates = Files.list(DEBIAN_REGISTRY)) {
            assertThat(crates.map(p -> p.getFileName().toString()).toList())
                    .as("Debian's bindgen and cc crates: apt-get install librust-bindgen-dev librust-cc-dev"
                            + " (scripts/setup-toolchain --tests does)")
                    .anyMatch(n -> n.startsWith("bindgen-0.")).anyMatch(n -> n.startsWith("cc-1."));
        }
        assertThat(Path.of("/usr/bin/bindgen")).as("Debian's bindgen program: apt-get install bindgen"
                + " (scripts/setup-toolchain --tests does)").isExecutable();
        assertThat(System.getenv()).as("this test runs with nothing that steers bindgen to a libclang")
                .doesNotContainKeys(STEERING.toArray(String[]::new));
        ways = new BothWays(dir);
    }

    @AfterEach
    void stopServer() {
        ways.close();
    }

    @Test
    void aBindgenBuildScriptBuildsAndRunsWithNothingSet() throws Exception {
        Path crate = Fixtures.copyExample("bindgen-neighbour", dir.resolve("plain"));
        cargo(crate, Map.of());
        assertThat(program(crate, "10")).isEqualTo(expectedOutput(10));
        assertThat(Files.readString(bindings(crate))).contains("pub fn point_dot(a: *const point, b: *const point) -> i64;");
    }

    @Test
    void debiansBindgenProgramReadsTheHeaderWithNothingSet() throws Exception {
        Path crate = Fixtures.copyExample("bindgen-neighbour", dir.resolve("cli"));
        CommandResult bindgen = ProcessRunner.quiet().run(new Command(List.of("/usr/bin/bindgen", "csrc/point.h",
                "--allowlist-function", "point_dot"), Optional.of(crate), Map.of(), Command.DEFAULT_TIMEOUT));
        assertThat(bindgen.exitCode()).as(bindgen.stderr()).isZero();
        assertThat(bindgen.stdout()).contains("pub struct point {")
                .contains("pub fn point_dot(a: *const point, b: *const point) -> i64;");
    }

    /** The same crate with graft as cargo's wrapper: bindgen is undisturbed, and the C it binds is inlined. */
    @ParameterizedTest
    @EnumSource(Way.class)
    void theSameCrateThroughGraftInlinesTheFunctionBindgenBound(Way way) throws Exception {
        Path crate = Fixtures.copyExample("bindgen-neighbour", dir.resolve("grafted"));
        Path graft = GraftScript.write(dir.resolve(way.name()), ways.argv(way, List.of()));
        cargo(crate, Map.of("RUSTC_WRAPPER", graft.toString(), "GRAFT_EXECUTABLE", graft.toString()));
        assertThat(program(crate, "10")).isEqualTo(expectedOutput(10));
        String summary = Files.readString(crate.resolve("target/release/graft/summary.txt"));
        assertThat(summary).as(summary).containsPattern("(?m)^bindgen_neighbour +bin +1/1 +point_dot$");
    }

    private void cargo(Path crate, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(ServerHarness.environment(dir));
        env.putAll(extra);
        CargoRun.run(toolchain, crate, env, "build", "--release");
    }

    private static String program(Path crate, String count) throws Exception {
        CommandResult run = ProcessRunner.quiet().run(Command.of(crate.resolve("target/release/bindgen-neighbour"),
                count));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.stdout();
    }

    /** What point_dot({i, i + 1}, {3, -2}) sums to for i below n, computed here rather than by the program. */
    private static String expectedOutput(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 3L * i - 2L * (i + 1);
        }
        return "sum of " + n + " dot products = " + sum + "\n";
    }

    private static Path bindings(Path crate) throws IOException {
        try (Stream<Path> files = Files.walk(crate.resolve("target/release/build"))) {
            return files.filter(p -> p.getFileName().toString().equals("bindings.rs")).findFirst().orElseThrow();
        }
    }
}
