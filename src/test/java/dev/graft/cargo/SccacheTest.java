package dev.graft.cargo;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * graft under Debian's sccache ({@code RUSTC_WRAPPER=sccache}, graft as {@code RUSTC} through a program named
 * rustc, since that sccache knows rustc by its name): a rebuild in a fresh target directory is all cache hits and
 * still inlines, a helper's C changed is a miss.
 */
class SccacheTest {

    @TempDir
    Path dir;
    private final Toolchain toolchain = TestToolchain.require();
    private final Map<String, String> sccache = new HashMap<>();

    @AfterEach
    void stopServer() throws Exception {
        if (!sccache.isEmpty()) {
            ProcessRunner.quiet().run(new Command(List.of("sccache", "--stop-server"), Optional.of(dir), sccache,
                    Command.DEFAULT_TIMEOUT));
        }
    }

    @Test
    void aFreshTargetDirectoryHitsTheCacheAndStillInlinesAndAChangedHelperMisses() throws Exception {
        assertThat(Path.of("/usr/bin/sccache")).as("Debian's sccache: apt-get install sccache (scripts/setup-toolchain --tests"
                + " does)").exists();
        try (ServerSocket free = new ServerSocket(0)) {
            sccache.put("SCCACHE_SERVER_PORT", Integer.toString(free.getLocalPort()));
        }
        sccache.put("SCCACHE_DIR", dir.resolve("sccache").toString());
        sccache.put("SCCACHE_IDLE_TIMEOUT", "120");
        Path workspace = Fixtures.copyExample("cc-crates", dir.resolve("ws"));
        Path rustc = rustcNamedGraft();

        build(workspace, rustc, "first");
        String first = app(workspace, "first");
        assertThat(inlined(workspace, "first")).isEqualTo("6/7");

        CommandResult fresh = build(workspace, rustc, "fresh");
        assertThat(stat(fresh, "Cache misses")).as(fresh.stdout()).isZero();
        assertThat(stat(fresh, "Cache hits \\(Rust\\)")).as(fresh.stdout()).isGreaterThanOrEqualTo(3);
        assertThat(app(workspace, "fresh")).isEqualTo(first);
        assertThat(inlined(workspace, "fresh")).as("the -sys crates came from the cache, their helpers did not")
                .isEqualTo("6/7");

        Path header = workspace.resolve("wrap-static/csrc/mathx.h");
        Files.writeString(header, Files.readString(header).replace("0xbf58476d1ce4e5b9ULL", "0x94d049bb133111ebULL"));
        CommandResult edited = build(workspace, rustc, "fresh");
        assertThat(stat(edited, "Cache misses \\(Rust\\)")).as(edited.stdout()).isEqualTo(1);
        assertThat(app(workspace, "fresh")).isNotEqualTo(first);
    }

    /** An executable named rustc that is graft's wrapper form around the toolchain's rustc (not rustup's proxy). */
    private Path rustcNamedGraft() throws Exception {
        CommandResult sysroot = ProcessRunner.quiet().run(Command.of(toolchain.rustc().executable(), "--print",
                "sysroot"));
        Path script = dir.resolve("graft-rustc/rustc");
        Files.createDirectories(script.getParent());
        Files.writeString(script, "#!/bin/sh\nexec " + GraftScript.write(dir) + " '" + sysroot.stdout().strip()
                + "/bin/rustc' \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    /** A release build into {@code target/<name>}, then sccache's statistics of it as standard output. */
    private CommandResult build(Path workspace, Path rustc, String targetName) throws Exception {
        Map<String, String> env = CargoRun.graftEnvironment(dir, dir.resolve("bin/graft"), false);
        env.putAll(sccache);
        env.put("RUSTC_WRAPPER", "sccache");
        env.put("RUSTC", rustc.toString());
        ProcessRunner.quiet().run(new Command(List.of("sccache", "--zero-stats"), Optional.of(dir), env,
                Command.DEFAULT_TIMEOUT));
        // --target-dir, not CARGO_TARGET_DIR: sccache keys on every CARGO_* variable.
        CargoRun.run(toolchain, workspace, env, "build", "--release", "--target-dir", "target/" + targetName);
        return ProcessRunner.quiet().run(new Command(List.of("sccache", "--show-stats"), Optional.of(dir), env,
                Command.DEFAULT_TIMEOUT));
    }

    private static int stat(CommandResult stats, String name) {
        Matcher line = Pattern.compile("(?m)^" + name + " +(\\d+)").matcher(stats.stdout());
        assertThat(line.find()).as(name + " in\n" + stats.stdout()).isTrue();
        return Integer.parseInt(line.group(1));
    }

    private static String app(Path workspace, String targetName) throws Exception {
        CommandResult run = ProcessRunner.quiet().run(Command.of(workspace.resolve("target").resolve(targetName)
                .resolve("release/app"), "50000"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.stdout();
    }

    private static String inlined(Path workspace, String targetName) throws IOException {
        String summary = Files.readString(workspace.resolve("target").resolve(targetName)
                .resolve("release/graft/summary.txt"));
        Matcher row = Pattern.compile("(?m)^app +bin +(\\d+/\\d+) ").matcher(summary);
        assertThat(row.find()).as(summary).isTrue();
        return row.group(1);
    }
}
