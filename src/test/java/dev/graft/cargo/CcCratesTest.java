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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/cc-crates, whose build scripts know nothing of graft (Debian's cc crate, 1.0.73), built with
 * {@code RUSTC_WRAPPER=graft} as the only setting, against the same workspace built plain: graft finds the
 * C each build script compiled, compiles it as helpers with the script's flags, and inlines it.
 */
class CcCratesTest {

    private static final Path DEBIAN_REGISTRY = Path.of("/usr/share/cargo/registry");

    @TempDir
    Path dir;
    private final Toolchain toolchain = TestToolchain.require();
    private Path plain;
    private Path grafted;
    private Path graft;

    @BeforeEach
    void copyWorkspaces() throws IOException {
        try (Stream<Path> crates = Files.list(DEBIAN_REGISTRY)) {
            assertThat(crates.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("cc-1.")).toList())
                    .as("Debian's cc crate: apt-get install librust-cc-dev (scripts/setup-toolchain --tests does)")
                    .isNotEmpty();
        }
        plain = Fixtures.copyExample("cc-crates", dir.resolve("plain"));
        grafted = Fixtures.copyExample("cc-crates", dir.resolve("grafted"));
        graft = GraftScript.write(dir);
    }

    @Test
    void cCompiledByBuildScriptsIsInlinedWithTheirFlagsAndRebuildsOnlyItsUsers() throws Exception {
        cargo(plain, false);
        CommandResult build = cargo(grafted, true);
        // The popcount helper built for x86-64-v3 is kept out of line (one popcnt on its own CPU, slower in
        // line for the caller's): said in one line on cargo's output, nothing else of graft's there.
        assertThat(build.stderr().lines().filter(l -> l.contains("graft:")).toList()).as(build.stderr())
                .singleElement().asString()
                .startsWith("warning: graft: app: 1 of 7 helper call sites left out of line; first: bits_weight");
        assertThat(app(grafted)).isEqualTo(app(plain));

        String summary = Files.readString(grafted.resolve("target/release/graft/summary.txt"));
        assertThat(summary).as("the vendored library keeps its state in a static: left out, said once")
                .containsOnlyOnce("ring.c is not a helper library (helpers define static variables [instances]");
        Map<String, String> reasons = notInlined(grafted);
        // bits_low is plain integer code: compiled as its caller, whatever CPU its C was built for.
        assertThat(reasons.keySet()).as(summary).containsExactly("bits_weight");
        assertThat(reasons.values()).allSatisfy(reason -> assertThat(reason)
                .contains("the helper is built for CPU x86-64-v3, the caller for x86-64"));
        assertThat(crateRow(summary, "app")).as(summary).isEqualTo("6/7");
        assertThat(symbols(grafted)).as("every wrapper of ring-sys and wrap-static inlined, none left")
                .noneMatch(s -> s.startsWith("rust_ring_") || s.endsWith("__extern"))
                .contains("bits_weight", "ring_setup");
        assertThat(symbols(plain)).contains("rust_ring_get_sqe", "clamp_add__extern");

        assertThat(cargo(grafted, true).stderr()).as("a second build does nothing").doesNotContain("Compiling");

        Path ringHelpers = discovered(grafted, "ring-sys").resolve("csrc-wrappers.bc");
        FileTime before = Files.getLastModifiedTime(ringHelpers);
        for (Path workspace : List.of(plain, grafted)) {
            Path header = workspace.resolve("wrap-static/csrc/mathx.h");
            Files.writeString(header, Files.readString(header).replace("0xbf58476d1ce4e5b9ULL", "0x94d049bb133111ebULL"));
        }
        cargo(plain, false);
        CommandResult edited = cargo(grafted, true);
        assertThat(edited.stderr()).as("editing wrap-static's C rebuilds it and its user, nothing else")
                .contains("Compiling wrap-static").contains("Compiling app").doesNotContain("Compiling ring-sys")
                .doesNotContain("Compiling march-sys");
        assertThat(app(grafted)).isEqualTo(app(plain));
        assertThat(symbols(grafted)).noneMatch(s -> s.endsWith("__extern"));
        assertThat(Files.getLastModifiedTime(ringHelpers)).as("helpers that did not change are not rewritten")
                .isEqualTo(before);

        CommandResult tools = cargo(grafted, true, Map.of("GRAFT_BACKEND", "tools"));
        assertThat(tools.stderr()).as("another backend rebuilds the one crate graft changed")
                .contains("Compiling app").doesNotContain("Compiling ring-sys").doesNotContain("Compiling wrap-static");
        assertThat(app(grafted)).isEqualTo(app(plain));
        assertThat(cargo(grafted, true, Map.of("GRAFT_BACKEND", "tools")).stderr()).doesNotContain("Compiling");

        // The program requires x86-64-v3 anyway (its C does): the wrapper form's --caller-features-from-helpers.
        CommandResult features = cargo(grafted, true, Map.of("GRAFT_CALLER_FEATURES_FROM_HELPERS", "1"));
        assertThat(features.stderr()).contains("Compiling app").doesNotContain("Compiling march-sys");
        assertThat(app(grafted)).isEqualTo(app(plain));
        String all = Files.readString(grafted.resolve("target/release/graft/summary.txt"));
        assertThat(crateRow(all, "app")).as(all).isEqualTo("7/7");
        assertThat(symbols(grafted)).doesNotContain("bits_weight", "bits_low");

        // GRAFT_HELPERS overrides discovery, and naming helpers rebuilds the crates that had none too.
        Path named = discovered(grafted, "wrap-static").resolve("extern.bc");
        CommandResult override = cargo(grafted, true, Map.of("GRAFT_HELPERS", named.toString()));
        assertThat(override.stderr()).contains("Compiling ring-sys").contains("Compiling march-sys")
                .contains("Compiling app");
        assertThat(app(grafted)).isEqualTo(app(plain));
        String only = Files.readString(grafted.resolve("target/release/graft/summary.txt"));
        assertThat(crateRow(only, "app")).as(only).isEqualTo("2/2");
        assertThat(symbols(grafted)).contains("rust_ring_get_sqe", "bits_weight").noneMatch(s -> s.endsWith("__extern"));
    }

    private CommandResult cargo(Path workspace, boolean withGraft) throws Exception {
        return cargo(workspace, withGraft, Map.of());
    }

    private CommandResult cargo(Path workspace, boolean withGraft, Map<String, String> settings) throws Exception {
        Map<String, String> env = CargoRun.graftEnvironment(dir, graft, withGraft);
        env.putAll(settings);
        return CargoRun.run(toolchain, workspace, env, "build", "--release");
    }

    private static String app(Path workspace) throws Exception {
        CommandResult run = ProcessRunner.quiet().run(Command.of(workspace.resolve("target/release/app"), "50000"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("ring ").contains("math ").contains("bits ");
        return run.stdout();
    }

    private List<String> symbols(Path workspace) throws Exception {
        CommandResult nm = ProcessRunner.quiet().run(Command.of(toolchain.llvm().llvmNm(), "--defined-only",
                workspace.resolve("target/release/app").toString()));
        assertThat(nm.exitCode()).isZero();
        return nm.stdout().lines().map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList();
    }

    /** Each helper call site left in the binary's report, by helper, with graft's reason. */
    private static Map<String, String> notInlined(Path workspace) throws IOException {
        Path report = single(workspace.resolve("target/release/graft"), "app-", ".json");
        Matcher site = Pattern.compile("\"callee\" : \"(\\w+)\",\\s*\"reason\" : \"([^\"]*)\"")
                .matcher(Files.readString(report));
        Map<String, String> reasons = new HashMap<>();
        while (site.find()) {
            reasons.put(site.group(1), site.group(2));
        }
        return reasons;
    }

    private static String crateRow(String summary, String crate) {
        Matcher row = Pattern.compile("(?m)^" + crate + " +\\w+ +(\\d+/\\d+) ").matcher(summary);
        return row.find() ? row.group(1) : "";
    }

    private static Path single(Path directory, String prefix, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> found = files.filter(p -> p.getFileName().toString().startsWith(prefix)
                    && p.getFileName().toString().endsWith(suffix)).toList();
            assertThat(found).as(directory + ": " + prefix + "*" + suffix).hasSize(1);
            return found.getFirst();
        }
    }

    /** The directory of discovered helpers beside the OUT_DIR of the package's build script. */
    private static Path discovered(Path workspace, String packageName) throws IOException {
        try (Stream<Path> dirs = Files.list(workspace.resolve("target/release/build"))) {
            List<Path> found = dirs.filter(p -> p.getFileName().toString().startsWith(packageName + "-"))
                    .map(p -> p.resolve(DiscoveredHelpers.DIRECTORY)).filter(Files::isDirectory).toList();
            assertThat(found).as(packageName).hasSize(1);
            return found.getFirst();
        }
    }
}
