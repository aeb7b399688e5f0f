package dev.graft;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftProcess;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * graft stopped, killed or failing in the middle of a rebuild, as separate processes driven by make
 * the way docs/make.md's Makefile pattern does: the dep-info file must still make make rebuild, and
 * whatever a killed graft left must go with the next run, while a running graft's files stay.
 */
class InterruptedBuildTest {

    @TempDir
    Path dir;
    private Toolchain toolchain;
    private Path tmp;
    private Path pidFile;
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        toolchain = TestToolchain.require();
        Fixtures.copyE2e(dir, List.of("helpers.c", "api.h"));
        Fixtures.copy(dir, "outputs", List.of("included.rs", "decls.rs", "decls_wrong.rs"));
        Files.copy(dir.resolve("decls.rs"), dir.resolve("decls_good.rs"));
        tmp = Files.createDirectories(dir.resolve("tmp"));
        pidFile = dir.resolve("tool.pid");
        Files.writeString(dir.resolve("Makefile"), """
                k.o: included.rs h.bc
                \t$(GRAFT) rustc --backend $(BACKEND) --helpers h.bc -- --crate-type=lib -O --emit=obj=$@,dep-info=k.d \
                included.rs
                -include k.d
                """);
        assertThat(run(Map.of(), "helpers", "-o", "h.bc", "helpers.c", "--", "-O2", "-I.").exitCode()).isZero();
    }

    @AfterEach
    void stopEverythingStarted() throws IOException {
        for (Process p : started) {
            p.destroyForcibly();
        }
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private Map<String, String> environment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("GRAFT_CACHE_DIR", dir.resolve("cache").toString(),
                "TMPDIR", tmp.toString()));
        env.putAll(extra);
        return env;
    }

    private CommandResult run(Map<String, String> env, String... args) throws Exception {
        return ProcessRunner.quiet().run(new Command(GraftProcess.argv(args), Optional.of(dir), environment(env),
                Duration.ofMinutes(5)));
    }

    private CommandResult make(String backend) throws Exception {
        return ProcessRunner.quiet().run(new Command(List.of("make", "GRAFT=" + GraftProcess.commandLine(),
                "BACKEND=" + backend), Optional.of(dir), environment(Map.of()), Duration.ofMinutes(5)));
    }

    /** The Makefile's graft command, started with a tool that stops mid-way; returns once it has stopped there. */
    private Process startStalled(String backend, String object) throws Exception {
        Files.deleteIfExists(pidFile);
        List<String> args = new ArrayList<>(List.of("rustc", "--backend", backend, "--helpers", "h.bc"));
        Map<String, String> env = new HashMap<>();
        if (backend.equals("tools")) {
            args.addAll(List.of("--llvm-dir", SlowTools.llvmWithHangingCodegen(dir, toolchain, pidFile).toString()));
        } else {
            env.put("RUSTC", SlowTools.rustcThatHangsAfterCompiling(dir, toolchain, pidFile).toString());
        }
        args.addAll(List.of("--", "--crate-type=lib", "-O", "--emit=obj=" + object + ",dep-info=k.d", "included.rs"));
        ProcessBuilder builder = new ProcessBuilder(GraftProcess.argv(args.toArray(String[]::new))).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("stalled.log").toFile());
        builder.environment().putAll(environment(env));
        Process graft = builder.start();
        started.add(graft);
        for (int i = 0; i < 600 && !(Files.exists(pidFile) && !Files.readString(pidFile).isBlank()); i++) {
            Thread.sleep(50);
        }
        assertThat(pidFile).as("the slow tool was reached: " + Files.readString(dir.resolve("stalled.log")))
                .exists();
        return graft;
    }

    private void signal(Process process, String signal) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor()).isZero();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("graft stops promptly").isTrue();
    }

    /**
     * An edit to the included file after the object was built. Times are set in the past, in the order
     * make must see them, so a rebuild that takes less than a second still leaves the newest object.
     */
    private void edit(String replacement) throws IOException {
        Files.copy(dir.resolve(replacement), dir.resolve("decls.rs"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("decls.rs"), "// edited\n", java.nio.file.StandardOpenOption.APPEND);
        long now = System.currentTimeMillis();
        for (String older : List.of("included.rs", "h.bc", "Makefile")) {
            Files.setLastModifiedTime(dir.resolve(older), FileTime.fromMillis(now - 120_000));
        }
        for (String built : List.of("k.o", "k.d")) {
            Files.setLastModifiedTime(dir.resolve(built), FileTime.fromMillis(now - 60_000));
        }
        Files.setLastModifiedTime(dir.resolve("decls.rs"), FileTime.fromMillis(now - 30_000));
    }

    private void assertDepInfoNamesTheObject() throws IOException {
        String depInfo = Files.readString(dir.resolve("k.d"));
        assertThat(depInfo).contains("k.o:").contains("decls.rs").doesNotContain("graft-").doesNotContain(".bc:");
    }

    private List<String> leftovers() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path directory : List.of(dir, tmp)) {
            try (Stream<Path> files = Files.list(directory)) {
                files.map(p -> p.getFileName().toString())
                        .filter(n -> n.contains("graft-tmp") || n.startsWith("graft-")).forEach(found::add);
            }
        }
        return found;
    }

    @ParameterizedTest(name = "{0} SIG{1}")
    @CsvSource({"inprocess, TERM", "tools, INT"})
    void anInterruptedRebuildStillMakesMakeRebuild(String backend, String signal) throws Exception {
        CommandResult first = make(backend);
        assertThat(first.exitCode()).as(first.stderr()).isZero();
        assertDepInfoNamesTheObject();
        edit("decls_good.rs");

        signal(startStalled(backend, "k.o"), signal);
        assertDepInfoNamesTheObject();

        CommandResult again = make(backend);
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        assertThat(again.stdout()).as("make saw the edited file").contains("rustc --backend");
        assertThat(make(backend).stdout()).doesNotContain("rustc --backend");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"inprocess", "tools"})
    void aFailedRebuildStillMakesMakeRebuild(String backend) throws Exception {
        assertThat(make(backend).exitCode()).isZero();
        edit("decls_wrong.rs");

        CommandResult failed = make(backend);
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.stderr()).contains("this rebuild fails");
        assertDepInfoNamesTheObject();
        CommandResult retried = make(backend);
        assertThat(retried.exitCode()).as("make tried again").isNotZero();
        assertThat(retried.stdout()).contains("rustc --backend");

        edit("decls_good.rs");
        CommandResult fixed = make(backend);
        assertThat(fixed.exitCode()).as(fixed.stderr()).isZero();
        assertThat(fixed.stdout()).contains("rustc --backend");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"inprocess", "tools"})
    void whatAKilledGraftLeftIsRemovedByALaterRunButARunningOnesFilesStay(String backend) throws Exception {
        Process killed = startStalled(backend, "k.o");
        List<String> left = leftovers();
        assertThat(left).as("a scratch directory in TMPDIR").anyMatch(n -> n.startsWith("graft-"));
        if (backend.equals("tools")) {
            assertThat(left).as("the object's temporary file").anyMatch(n -> n.startsWith(".k.o.") && n.contains("graft-tmp"));
        }

        CommandResult concurrent = run(Map.of(), "rustc", "--backend", backend, "--helpers", "h.bc", "--",
                "--crate-type=lib", "-O", "--emit=obj=concurrent.o", "included.rs");
        assertThat(concurrent.exitCode()).as(concurrent.stderr()).isZero();
        assertThat(leftovers()).as("a running graft's files are not abandoned").containsAll(left);

        assertThat(new ProcessBuilder("kill", "-KILL", Long.toString(killed.pid())).start().waitFor()).isZero();
        assertThat(killed.waitFor(20, TimeUnit.SECONDS)).isTrue();
        ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).ifPresent(ProcessHandle::destroyForcibly);
        assertThat(leftovers()).as("kill -9 runs no clean-up").containsAll(left);

        CommandResult later = run(Map.of(), "rustc", "--backend", backend, "--helpers", "h.bc", "--",
                "--crate-type=lib", "-O", "--emit=obj=later.o", "included.rs");
        assertThat(later.exitCode()).as(later.stderr()).isZero();
        assertThat(leftovers()).isEmpty();
    }

    /** A private mount namespace in which /tmp is read-only and only this test's directory is writable. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"inprocess", "tools"})
    void scratchGoesToTmpdirWhenTmpIsReadOnly(String backend) throws Exception {
        String setup = "mount --bind /tmp /tmp && mount -o remount,bind,ro /tmp && mount --bind " + dir + " " + dir
                + " && mount -o remount,bind,rw " + dir + " && ! touch /tmp/graft-test-probe 2>/dev/null";
        for (List<String> args : List.of(List.of("helpers", "-o", "h1.bc", "helpers.c", "--", "-O1", "-I."),
                List.of("rustc", "--backend", backend, "--helpers", "h1.bc", "--", "--crate-type=lib", "-O",
                        "--emit=obj=k.o,dep-info=k.d", "included.rs"))) {
            List<String> argv = new ArrayList<>(List.of("unshare", "-m", "sh", "-c", setup + " && exec \"$@\"", "sh"));
            List<String> graft = GraftProcess.argv(args.toArray(String[]::new));
            graft.add(1, "-XX:-UsePerfData");
            argv.addAll(graft);
            CommandResult result = ProcessRunner.quiet().run(new Command(argv, Optional.of(dir),
                    environment(Map.of()), Duration.ofMinutes(5)));
            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
        }
        assertThat(Files.readAllBytes(dir.resolve("k.o"))).startsWith(0x7f, 'E', 'L', 'F');
        assertThat(leftovers()).isEmpty();
    }
}
