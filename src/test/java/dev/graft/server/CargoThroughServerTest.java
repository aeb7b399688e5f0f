package dev.graft.server;

import dev.graft.testkit.ServerHarness;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cargo with {@code RUSTC_WRAPPER=graft} as a user has it: graft is the native client, so every rustc
 * invocation and the linker shim are requests to the warm server. rustc and the real linker must run in
 * the client (with cargo's streams, jobserver and PATH), not in the server: the server's own standard
 * streams are not the build's, and a bare linker name ({@code cc}) is looked up on the client's PATH.
 */
class CargoThroughServerTest extends ServerTestCase {

    @Test
    void aCargoBuildThroughTheServerLinksRunsAndInlinesEveryHelper() throws Exception {
        Path grafted = buildPlainAndGrafted("cargo-workspace");
        String summary = Files.readString(grafted.resolve("target/release/graft/summary.txt"));
        assertThat(summary).as(summary).containsPattern("(?m)^app +bin +(\\d+)/\\1 ")
                .containsPattern("(?m)^counter +lib +(\\d+)/\\1 ");
        assertThat(server.log()).as("the requests reached the server").isNotEmpty();
    }

    @Test
    void cThatBuildScriptsCompiledIsFoundAndInlinedThroughTheServer() throws Exception {
        Path grafted = buildPlainAndGrafted("cc-crates");
        String summary = Files.readString(grafted.resolve("target/release/graft/summary.txt"));
        assertThat(summary).as(summary).containsPattern("(?m)^app +bin +6/7 ")
                .contains("ring.c is not a helper library");
        assertThat(grafted.resolve("target/release/build")).as("the helpers graft compiled, beside OUT_DIR")
                .isDirectoryRecursivelyContaining("glob:**/graft-helpers/csrc-wrappers.bc");
    }

    /** The example built plain and through the server, with the same program output; the grafted copy. */
    private Path buildPlainAndGrafted(String example) throws Exception {
        Path plain = Fixtures.copyExample(example, dir.resolve("plain"));
        Path grafted = Fixtures.copyExample(example, dir.resolve("grafted"));
        Path graft = clientScript();

        cargo(plain, Map.of("RUSTC_WRAPPER", ""));
        CommandResult build = cargo(grafted, Map.of("RUSTC_WRAPPER", graft.toString(),
                "GRAFT_EXECUTABLE", graft.toString()));

        // The one call graft must keep out of line (cc-crates' popcount helper built for x86-64-v3) is said
        // once, on cargo's output; nothing else of graft's appears there.
        assertThat(build.stderr()).contains("Compiling app");
        assertThat(build.stderr().lines().filter(l -> l.contains("graft:")).toList())
                .allMatch(l -> l.startsWith("warning: graft: app: 1 of 7 helper call sites left out of line; "
                        + "first: bits_weight"));
        assertThat(app(grafted)).isEqualTo(app(plain));
        return grafted;
    }

    /** An executable named graft that runs this test's native client against the test's server. */
    private Path clientScript() throws IOException {
        Path script = dir.resolve("bin").resolve("graft");
        Files.createDirectories(script.getParent());
        String argv = server.clientArgv("test", List.of()).stream().map(w -> "'" + w.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
        Files.writeString(script, "#!/bin/sh\nexec " + argv + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }


    private CommandResult cargo(Path workspace, Map<String, String> extra) throws Exception {
        Path cargo = toolchain.rustc().executable().resolveSibling("cargo");
        List<String> argv = new ArrayList<>(List.of(Files.isExecutable(cargo) ? cargo.toString() : "cargo",
                "build", "--release", "--offline"));
        Map<String, String> env = new HashMap<>(ServerHarness.environment(dir));
        env.put("CARGO_TERM_COLOR", "never");
        env.putAll(extra);
        CommandResult result = ProcessRunner.quiet().run(new Command(argv, Optional.of(workspace), env,
                Command.DEFAULT_TIMEOUT));
        assertThat(result.exitCode()).as(result.stdout() + result.stderr() + "\nserver log:\n" + server.log())
                .isZero();
        return result;
    }

    private static String app(Path workspace) throws Exception {
        CommandResult run = ProcessRunner.quiet().run(Command.of(workspace.resolve("target/release/app"), "20000"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.stdout();
    }
}
