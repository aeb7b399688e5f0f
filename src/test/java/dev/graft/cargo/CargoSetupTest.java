package dev.graft.cargo;

import dev.graft.ExitCode;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.testkit.BothWays;
import dev.graft.testkit.Checked;
import dev.graft.testkit.Way;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code graft cargo-setup} writes the one line a cc newer than 1.0.87 needs, once, keeping the rest of
 * the workspace's config; and cargo then hands the variable to every build script, which is what makes
 * such a cc print the commands graft reads.
 */
class CargoSetupTest {

    @TempDir
    Path dir;
    BothWays ways;

    @BeforeEach
    void start() throws Exception {
        ways = new BothWays(dir);
    }

    @AfterEach
    void stop() {
        ways.close();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void writesTheLineOnceUnderEnvAndKeepsTheRest(Way way) throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("ws"));
        Files.writeString(workspace.resolve("Cargo.toml"), "[package]\nname = \"probe\"\nversion = \"0.1.0\"\n"
                + "edition = \"2021\"\nbuild = \"build.rs\"\n");
        Files.createDirectories(workspace.resolve("src"));
        Files.writeString(workspace.resolve("src/main.rs"), "fn main() {}\n");
        Files.writeString(workspace.resolve("build.rs"), "fn main() { println!(\"cargo:warning=cc debug output: {:?}\", "
                + "std::env::var(\"CC_ENABLE_DEBUG_OUTPUT\").ok()); }\n");
        Files.createDirectories(workspace.resolve(".cargo"));
        Files.writeString(workspace.resolve(".cargo/config.toml"), "[env]\nFOO = \"bar\"\n\n[build]\njobs = 1\n");

        CommandResult first = ways.graft(way, workspace, Map.of(), "cargo-setup");
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertThat(first.stdout()).startsWith("graft: wrote CC_ENABLE_DEBUG_OUTPUT = \"1\" under [env]");
        assertThat(Files.readString(workspace.resolve(".cargo/config.toml")))
                .isEqualTo("[env]\nCC_ENABLE_DEBUG_OUTPUT = \"1\"\nFOO = \"bar\"\n\n[build]\njobs = 1\n");
        CommandResult again = ways.graft(way, workspace, Map.of(), "cargo-setup");
        assertThat(again.stdout()).contains("already sets CC_ENABLE_DEBUG_OUTPUT");
        assertThat(Files.readString(workspace.resolve(".cargo/config.toml"))).containsOnlyOnce("CC_ENABLE_DEBUG_OUTPUT");

        CommandResult build = Checked.run(new Command(java.util.List.of("cargo", "build", "--offline"),
                Optional.of(workspace), Map.of("CARGO_TARGET_DIR", dir.resolve("target-" + way).toString()),
                Duration.ofMinutes(5)));
        assertThat(build.stderr()).contains("cc debug output: Some(\"1\")");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void refusesADirectoryWithoutCargoToml(Way way) throws Exception {
        CommandResult run = ways.graft(way, dir, Map.of(), "cargo-setup");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.status());
        assertThat(run.stderr().lines().toList()).hasSize(1).first().asString().startsWith("graft: ")
                .contains("has no Cargo.toml");
        assertThat(dir.resolve(".cargo")).doesNotExist();
    }
}
