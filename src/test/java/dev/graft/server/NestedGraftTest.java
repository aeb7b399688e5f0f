package dev.graft.server;

import dev.graft.ExitCode;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.GraftProcess;
import dev.graft.testkit.ServerHarness;
import dev.graft.testkit.Way;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rustc that leads back to graft (issue 22: a one-line script as make's RUSTC, which make exports to the graft
 * it starts, chained 4,866 graft clients in 2.5 minutes): graft stops at the first repetition, with one line and
 * exit 2, through the server and without it. The script counts its own runs: each is one more graft started.
 */
class NestedGraftTest extends ServerTestCase {

    @ParameterizedTest
    @EnumSource(Way.class)
    void aRustcThatRunsGraftAgainStopsAtOnceWithOneLine(Way way) throws Exception {
        Files.writeString(dir.resolve("lib.rs"), "pub fn f() -> u32 { 7 }\n");
        Path script = script(way, "rustc-via-graft", "rustc", "--helpers", "h.bc", "--");

        // The query a build's Kconfig makes first, then an object: graft runs the script once each and stops.
        CommandResult version = graft(way, Map.of("RUSTC", script.toString()),
                "rustc", "--helpers", "h.bc", "--", "--version");
        assertStoppedOnce(version, script);

        Files.delete(dir.resolve("runs"));
        CommandResult object = graft(way, Map.of("RUSTC", script.toString()),
                "rustc", "--helpers", "h.bc", "--", "--crate-type=lib", "--emit=obj=lib.o", "lib.rs");
        assertStoppedOnce(object, script);
        assertThat(dir.resolve("lib.o")).doesNotExist();

        // The make form, with GRAFT_RUSTC naming a script that is graft-rustc again.
        Files.delete(dir.resolve("runs"));
        Path makeScript = script(way, "graft-rustc-again", "graft-rustc");
        CommandResult make = graft(way, Map.of("GRAFT_RUSTC", makeScript.toString(), "RUSTC", makeScript.toString()),
                "graft-rustc", "--version");
        assertStoppedOnce(make, makeScript);
    }

    private void assertStoppedOnce(CommandResult result, Path script) throws Exception {
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.BAD_INPUT.status());
        assertThat(result.stderr().lines().toList()).as("one line, from the graft the script started")
                .containsExactly("graft: the rustc graft runs (" + script + ") runs graft again: set GRAFT_RUSTC to a "
                        + "real rustc (RUSTC, or a script it names, leads back to graft)");
        assertThat(Files.readAllLines(dir.resolve("runs"))).as("graft started the script once, and nothing more")
                .hasSize(1);
    }

    /** An executable that notes its run, then becomes graft with {@code graftArgs} and its own arguments. */
    private Path script(Way way, String name, String... graftArgs) throws Exception {
        String command = argv(way, graftArgs).stream().map(w -> "'" + w.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\necho run >> '" + dir.resolve("runs") + "'\nexec " + command
                + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private List<String> argv(Way way, String... args) {
        return way == Way.SERVER ? server.clientArgv("test", List.of(args)) : GraftProcess.argv(args);
    }

    private CommandResult graft(Way way, Map<String, String> extra, String... args) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(ServerHarness.environment(dir));
        env.putAll(extra);
        // Bounded: a graft that ran itself without end would be stopped here, and the count would show it.
        return ProcessRunner.quiet().run(new Command(new ArrayList<>(argv(way, args)), Optional.of(dir), env,
                Duration.ofMinutes(2)));
    }
}
