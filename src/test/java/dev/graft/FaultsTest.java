package dev.graft;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftProcess;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** graft as separate processes under signals, concurrency, damaged caches and failing disks. */
class FaultsTest {

    @TempDir
    Path dir;
    private Toolchain toolchain;
    private Path cache;

    @BeforeEach
    void copyFixtures() throws IOException {
        toolchain = TestToolchain.require();
        cache = dir.resolve("cache");
        Fixtures.copyE2e(dir, List.of("helpers.c", "api.h", "uses_helpers.rs"));
        Files.createDirectories(dir.resolve("tmp"));
    }

    /** graft in its own JVM, with this test's cache and scratch directory. */
    private ProcessBuilder graft(String... args) {
        List<String> argv = GraftProcess.argv(args);
        argv.add(1, "-Djava.io.tmpdir=" + dir.resolve("tmp"));
        ProcessBuilder builder = new ProcessBuilder(argv).directory(dir.toFile());
        builder.environment().put("GRAFT_CACHE_DIR", cache.toString());
        return builder;
    }

    private CommandResult run(String... args) throws Exception {
        ProcessBuilder b = graft(args);
        return ProcessRunner.quiet().run(new Command(b.command(), Optional.of(dir), Map.of("GRAFT_CACHE_DIR",
                cache.toString()), Duration.ofMinutes(5)));
    }

    private CommandResult helpers(String output) throws Exception {
        return run("helpers", "-o", output, "helpers.c", "--", "-O2", "-I.");
    }

    private CommandResult rustc(String object, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("rustc", "--helpers", "h.bc"));
        args.addAll(Arrays.asList(extra));
        args.addAll(List.of("--", "--crate-type=lib", "-O", "--emit=obj=" + object, "uses_helpers.rs"));
        return run(args.toArray(String[]::new));
    }

    private static List<String> leftovers(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.contains("graft-tmp") || n.endsWith(".tmp"))
                    .toList();
        }
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalMidCodegenLeavesNoPartialOutputAndNoRunningTool(String signal) throws Exception {
        assertThat(helpers("h.bc").exitCode()).isZero();
        Path slow = SlowTools.llvmWithHangingCodegen(dir, toolchain, dir.resolve("clang.pid"));
        // The tools backend: its codegen is a subprocess this test can make hang.
        Process graft = graft("rustc", "--llvm-dir", slow.toString(), "--backend", "tools", "--helpers", "h.bc", "--",
                "--crate-type=lib", "-O", "--emit=obj=k.o", "uses_helpers.rs").redirectErrorStream(true).start();
        Path pidFile = dir.resolve("clang.pid");
        // The shell creates the file before it writes the pid into it: wait for the pid itself.
        for (int i = 0; i < 600 && (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()); i++) {
            Thread.sleep(50);
        }
        assertThat(pidFile).as("the slow clang was started").exists();
        long clangPid = Long.parseLong(Files.readString(pidFile).strip());

        new ProcessBuilder("kill", "-" + signal, Long.toString(graft.pid())).start().waitFor();
        assertThat(graft.waitFor(20, TimeUnit.SECONDS)).as("graft stops promptly").isTrue();

        assertThat(ProcessHandle.of(clangPid).map(ProcessHandle::isAlive)).as("the tool was stopped too")
                .isNotEqualTo(Optional.of(true));
        assertThat(dir.resolve("k.o")).doesNotExist();
        assertThat(leftovers(dir)).isEmpty();
        try (Stream<Path> scratch = Files.list(dir.resolve("tmp"))) {
            assertThat(scratch.map(Path::getFileName).map(Path::toString)
                    .filter(n -> n.startsWith("graft-"))).as("scratch directories removed").isEmpty();
        }
        CommandResult again = rustc("k.o");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(dir.resolve("k.o")).exists();
    }

    @Test
    void eightConcurrentBuildsShareOneCacheSafely() throws Exception {
        List<Process> builds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            builds.add(graft("helpers", "-o", "h" + i + ".bc", "helpers.c", "--", "-O2", "-I.")
                    .redirectErrorStream(true).start());
        }
        for (Process p : builds) {
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(output).isZero();
        }
        byte[] first = Files.readAllBytes(dir.resolve("h0.bc"));
        for (int i = 1; i < 8; i++) {
            assertThat(Files.readAllBytes(dir.resolve("h" + i + ".bc"))).isEqualTo(first);
        }
        assertThat(helpers("h.bc").stdout()).contains("from cache");
        assertThat(Files.readAllBytes(dir.resolve("h.bc"))).isEqualTo(first);

        // rustc names its intermediate files after the crate: simultaneous builds of one crate in one
        // directory must not meet there.
        List<Process> crates = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            crates.add(graft("rustc", "--helpers", "h.bc", "--", "--crate-type=lib", "-O", "--emit=obj=c" + i + ".o",
                    "uses_helpers.rs").redirectErrorStream(true).start());
        }
        for (Process p : crates) {
            String output = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor()).as(output).isZero();
        }
        for (int i = 1; i < 4; i++) {
            assertThat(Files.readAllBytes(dir.resolve("c" + i + ".o"))).isEqualTo(Files.readAllBytes(dir.resolve("c0.o")));
        }
        assertThat(leftovers(dir)).isEmpty();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".rcgu."));
        }
    }

    @Test
    void aDamagedCacheEntryIsDetectedAndRebuiltNotUsed() throws Exception {
        assertThat(helpers("good.bc").exitCode()).isZero();
        byte[] good = Files.readAllBytes(dir.resolve("good.bc"));
        Path blob;
        try (Stream<Path> blobs = Files.list(cache.resolve("blobs"))) {
            blob = blobs.filter(p -> p.toString().endsWith(".bc")).findFirst().orElseThrow();
        }
        byte[] damaged = good.clone();
        damaged[damaged.length / 2] ^= 0x5a;
        Files.write(blob, damaged);

        CommandResult rebuilt = helpers("h.bc");
        assertThat(rebuilt.exitCode()).isZero();
        assertThat(rebuilt.stdout()).doesNotContain("from cache");
        assertThat(Files.readAllBytes(dir.resolve("h.bc"))).isEqualTo(good);
        assertThat(helpers("h2.bc").stdout()).contains("from cache");

        try (Stream<Path> manifests = Files.list(cache.resolve("manifests"))) {
            Files.writeString(manifests.findFirst().orElseThrow(), "{ not json");
        }
        CommandResult afterBadManifest = helpers("h3.bc");
        assertThat(afterBadManifest.stdout()).doesNotContain("from cache");
        assertThat(Files.readAllBytes(dir.resolve("h3.bc"))).isEqualTo(good);
    }

    @Test
    void theSameInputsGiveByteIdenticalObjects() throws Exception {
        assertThat(helpers("h.bc").exitCode()).isZero();
        assertThat(rustc("a.o").exitCode()).isZero();
        assertThat(rustc("b.o").exitCode()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("a.o"))).isEqualTo(Files.readAllBytes(dir.resolve("b.o")));
        assertThat(rustc("a.o").exitCode()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("a.o"))).isEqualTo(Files.readAllBytes(dir.resolve("b.o")));
    }

    @Test
    void anOutputDirectoryThatCannotBeWrittenIsOneClearError() throws Exception {
        assertThat(helpers("h.bc").exitCode()).isZero();
        Path locked = Files.createDirectories(dir.resolve("locked"));
        // Root ignores permission bits; the immutable attribute stops root too.
        assertThat(new ProcessBuilder("chattr", "+i", locked.toString()).start().waitFor()).isZero();
        try {
            CommandResult run = rustc("locked/k.o");
            assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.status());
            assertThat(run.stderr()).startsWith("graft: cannot write in ").contains("locked");
            Files.writeString(dir.resolve("plain-file"), "");
            CommandResult notADirectory = rustc("plain-file/k.o");
            assertThat(notADirectory.exitCode()).isEqualTo(ExitCode.BAD_INPUT.status());
            assertThat(notADirectory.stderr()).startsWith("graft: cannot write in ");
        } finally {
            new ProcessBuilder("chattr", "-i", locked.toString()).start().waitFor();
        }
        try (Stream<Path> files = Files.list(locked)) {
            assertThat(files).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"inprocess", "tools"})
    void aFullDiskFailsCleanlyAndLeavesNothingHalfWritten(String backend) throws Exception {
        assertThat(helpers("h.bc").exitCode()).isZero();
        Path full = Files.createDirectories(dir.resolve("full"));
        assertThat(new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", full.toString())
                .inheritIO().start().waitFor()).as("mounting a small tmpfs (needs root)").isZero();
        try {
            // Fill the disk but for a few bytes: no object fits.
            new ProcessBuilder("sh", "-c", "cat /dev/zero > filler 2>/dev/null; true").directory(full.toFile())
                    .start().waitFor();
            // In process, LLVM would exit the JVM on a failed write: graft writes the object itself.
            CommandResult object = rustc("full/k.o", "--backend", backend);
            assertThat(object.exitCode()).isIn(1, 2);
            assertThat(object.stderr()).contains("No space left on device")
                    .containsPattern("(?m)^graft: .*");
            assertThat(full.resolve("k.o")).doesNotExist();
            assertThat(leftovers(full)).isEmpty();

            CommandResult report = rustc("k.o", "--backend", backend, "--report", "full/r.json");
            assertThat(report.exitCode()).isEqualTo(ExitCode.BAD_INPUT.status());
            assertThat(report.stderr()).startsWith("graft: cannot write").contains("No space left on device");
            assertThat(full.resolve("r.json")).doesNotExist();
            assertThat(leftovers(full)).isEmpty();
        } finally {
            new ProcessBuilder("umount", full.toString()).inheritIO().start().waitFor();
        }
    }
}
