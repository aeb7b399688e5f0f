package dev.graft;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.report.ReportJson;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftProcess;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where graft's outputs land: devices, FIFOs and streams are written through, symbolic links
 * followed, an input is never overwritten, and files get the modes rustc gives its own. Device nodes
 * are made in the test's directory with mknod, and /dev/stdout is tried in a private mount
 * namespace: the machine's own /dev is never touched.
 */
class OutputSafetyTest {

    private static final int CHARACTER_DEVICE = 0020000;
    private static final int FIFO = 0010000;
    private static final int FILE_TYPE = 0170000;

    @TempDir
    Path dir;
    private Toolchain toolchain;

    @BeforeEach
    void buildHelpers() throws Exception {
        toolchain = TestToolchain.require();
        Fixtures.copyE2e(dir, List.of("helpers.c", "api.h", "uses_helpers.rs"));
        GraftRun helpers = graft("helpers", "-o", "h.bc", "helpers.c", "--", "-O2", "-I.");
        helpers.succeeded();
    }

    private GraftRun graft(String... args) {
        return GraftRun.run(dir, args);
    }

    private GraftRun rustc(String backend, String... tail) {
        List<String> args = new ArrayList<>(List.of("rustc", "--backend", backend, "--helpers", "h.bc"));
        args.addAll(Arrays.asList(tail));
        return graft(args.toArray(String[]::new));
    }

    /** graft in its own JVM, its command line wrapped by {@code sh -c SETUP; exec graft...}. */
    private CommandResult separateGraft(List<String> wrapper, String setup, Map<String, String> env, String... args)
            throws Exception {
        List<String> argv = new ArrayList<>(wrapper);
        argv.addAll(List.of("sh", "-c", setup + "; exec \"$@\"", "sh"));
        List<String> graft = GraftProcess.argv(args);
        graft.add(1, "-XX:-UsePerfData");
        argv.addAll(graft);
        Map<String, String> environment = new java.util.HashMap<>(env);
        environment.put("GRAFT_CACHE_DIR", dir.resolve(".cache").toString());
        return ProcessRunner.quiet().run(new Command(argv, Optional.of(dir), environment, Duration.ofMinutes(5)));
    }

    private Path mknod(String name, String type, int major, int minor) throws Exception {
        Path node = dir.resolve(name);
        List<String> argv = new ArrayList<>(List.of("mknod", node.toString(), type));
        if (major >= 0) {
            argv.addAll(List.of(Integer.toString(major), Integer.toString(minor)));
        }
        assertThat(new ProcessBuilder(argv).inheritIO().start().waitFor()).as("mknod (needs root)").isZero();
        return node;
    }

    private static int fileType(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & FILE_TYPE;
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static boolean isObject(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return bytes.length > 4 && bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F';
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"inprocess", "tools"})
    void devicesAndLinksToDevicesAreWrittenThroughNeverReplaced(String backend) throws Exception {
        Path nul = mknod("null", "c", 1, 3);
        Files.createSymbolicLink(dir.resolve("null-link"), nul);
        GraftRun run = rustc(backend, "--report", "null", "--", "--crate-type=lib", "-O",
                "--emit=obj=null,dep-info=null-link,metadata=null,llvm-bc=null", "uses_helpers.rs");
        run.succeeded();
        assertThat(fileType(nul)).isEqualTo(CHARACTER_DEVICE);
        assertThat(Files.isSymbolicLink(dir.resolve("null-link"))).isTrue();

        CommandResult bitcode = ProcessRunner.quiet().run(Command.of(toolchain.rustc().executable(),
                "--crate-type=lib", "-O", "--emit=llvm-bc=k.bc", "uses_helpers.rs").inDirectory(dir));
        assertThat(bitcode.exitCode()).as(bitcode.stderr()).isZero();
        GraftRun link = graft("link", "--backend", backend, "--helpers", "h.bc", "--report", "null-link", "-o", "null",
                "k.bc");
        link.succeeded();
        assertThat(fileType(nul)).isEqualTo(CHARACTER_DEVICE);

        GraftRun helpers = graft("helpers", "-o", "null-link", "helpers.c", "--", "-O2", "-I.");
        helpers.succeeded();
        assertThat(fileType(nul)).isEqualTo(CHARACTER_DEVICE);
        assertThat(Files.isSymbolicLink(dir.resolve("null-link"))).isTrue();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("graft-tmp"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"inprocess", "tools"})
    void aFifoReceivesTheReportAndStaysAFifo(String backend) throws Exception {
        Path fifo = mknod("report.fifo", "p", -1, -1);
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "read failed: " + e;
            }
        });
        GraftRun run = rustc(backend, "--report", "report.fifo", "--", "--crate-type=lib", "-O",
                "--emit=obj=k.o", "uses_helpers.rs");
        run.succeeded();
        // A FIFO replaced by a file would leave the reader waiting for a writer forever.
        assertThat(ReportJson.read(reader.get(60, TimeUnit.SECONDS)).callSites().total()).isPositive();
        assertThat(fileType(fifo)).isEqualTo(FIFO);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"inprocess", "tools"})
    void aSymbolicLinkIsFollowedAndItsTargetReplaced(String backend) throws Exception {
        Path targets = Files.createDirectories(dir.resolve("targets"));
        Files.writeString(targets.resolve("k.o"), "old object");
        Files.createSymbolicLink(dir.resolve("k.o"), Path.of("targets/k.o"));
        Files.createSymbolicLink(dir.resolve("r.json"), targets.resolve("new-report.json"));
        GraftRun run = rustc(backend, "--report", "r.json", "--", "--crate-type=lib", "-O",
                "--emit=obj=k.o", "uses_helpers.rs");
        run.succeeded();
        assertThat(Files.isSymbolicLink(dir.resolve("k.o"))).isTrue();
        assertThat(isObject(targets.resolve("k.o"))).isTrue();
        assertThat(Files.isSymbolicLink(dir.resolve("r.json"))).isTrue();
        assertThat(ReportJson.read(Files.readString(targets.resolve("new-report.json"))).callSites().total())
                .isPositive();
    }

    /** The literal /dev paths, in a mount namespace whose /dev is a directory of this test's own nodes. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"inprocess", "tools"})
    void devStdoutAndDevNullKeepWorking(String backend) throws Exception {
        Path fakeDev = Files.createDirectories(dir.resolve("dev"));
        int[][] nodes = {{1, 3}, {1, 5}, {1, 8}, {1, 9}};
        String[] names = {"null", "zero", "random", "urandom"};
        for (int i = 0; i < names.length; i++) {
            mknod("dev/" + names[i], "c", nodes[i][0], nodes[i][1]);
        }
        for (String stream : List.of("stdin", "stdout", "stderr")) {
            Files.createSymbolicLink(fakeDev.resolve(stream), Path.of("/proc/self/fd/" + List.of("stdin", "stdout",
                    "stderr").indexOf(stream)));
        }
        Files.createSymbolicLink(fakeDev.resolve("fd"), Path.of("/proc/self/fd"));
        CommandResult run = separateGraft(List.of("unshare", "-m"), "mount --bind " + fakeDev + " /dev", Map.of(),
                "rustc", "--backend", backend, "--helpers", "h.bc", "--report", "/dev/stdout", "--",
                "--crate-type=lib", "-O", "--emit=obj=/dev/null,dep-info=/dev/null", "uses_helpers.rs");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(ReportJson.read(run.stdout()).callSites().total()).isPositive();
        assertThat(Files.isSymbolicLink(fakeDev.resolve("stdout"))).isTrue();
        assertThat(fileType(fakeDev.resolve("null"))).isEqualTo(CHARACTER_DEVICE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"inprocess", "tools"})
    void anOutputOntoAnInputIsRefusedBeforeAnythingIsWritten(String backend) throws Exception {
        Fixtures.copyE2e(dir, List.of("no_helpers.rs"));
        Files.createSymbolicLink(dir.resolve("alias.o"), Path.of("no_helpers.rs"));
        byte[] source = Files.readAllBytes(dir.resolve("no_helpers.rs"));
        byte[] helpers = Files.readAllBytes(dir.resolve("h.bc"));
        List<List<String>> commands = List.of(
                List.of("--", "--crate-type=lib", "--emit=obj=no_helpers.rs", "no_helpers.rs"),
                List.of("--", "--crate-type=lib", "--emit=obj", "-o", "./no_helpers.rs", "no_helpers.rs"),
                List.of("--", "--crate-type=lib", "--emit=obj=alias.o", "no_helpers.rs"),
                List.of("--", "--crate-type=lib", "--emit=obj=h.bc", "no_helpers.rs"),
                List.of("--", "--crate-type=lib", "--emit=obj=k.o,dep-info=./h.bc", "no_helpers.rs"),
                List.of("--report", "k.o", "--", "--crate-type=lib", "--emit=obj=k.o", "no_helpers.rs"),
                List.of("--report", "no_helpers.rs", "--", "--crate-type=lib", "--emit=obj=k.o", "no_helpers.rs"));
        for (List<String> command : commands) {
            GraftRun run = rustc(backend, command.toArray(String[]::new));
            run.failedWith(ExitCode.BAD_INPUT);
            assertThat(run.err().lines().toList()).as(run.toString()).hasSize(1);
            assertThat(run.err()).startsWith("graft: ").containsAnyOf("would overwrite", "are the same file");
        }
        assertThat(rustc(backend, "--", "--crate-type=lib", "--emit=obj=no_helpers.rs", "no_helpers.rs").err())
                .isEqualTo("graft: the object no_helpers.rs would overwrite the crate source no_helpers.rs (the same "
                        + "file): choose another output path\n");
        assertThat(rustc(backend, "--report", "k.o", "--", "--crate-type=lib", "--emit=obj=k.o", "no_helpers.rs")
                .err()).isEqualTo("graft: the object k.o and the report k.o are the same file: choose different "
                        + "output paths\n");
        assertThat(Files.readAllBytes(dir.resolve("no_helpers.rs"))).isEqualTo(source);
        assertThat(Files.readAllBytes(dir.resolve("h.bc"))).isEqualTo(helpers);
        assertThat(dir.resolve("k.o")).doesNotExist();
    }

    @Test
    void linkAndHelpersRefuseToOverwriteTheirInputs() throws Exception {
        Fixtures.copyE2e(dir, List.of("no_helpers.rs"));
        CommandResult bitcode = ProcessRunner.quiet().run(Command.of(toolchain.rustc().executable(),
                "--crate-type=lib", "--emit=llvm-bc=k.bc", "no_helpers.rs").inDirectory(dir));
        assertThat(bitcode.exitCode()).as(bitcode.stderr()).isZero();
        byte[] crate = Files.readAllBytes(dir.resolve("k.bc"));
        byte[] helpers = Files.readAllBytes(dir.resolve("h.bc"));
        byte[] source = Files.readAllBytes(dir.resolve("helpers.c"));
        Files.writeString(dir.resolve("flags"), "-O2 -I.\n");
        List<GraftRun> runs = List.of(
                graft("link", "--helpers", "h.bc", "-o", "k.bc", "k.bc"),
                graft("link", "--helpers", "h.bc", "-o", "./h.bc", "k.bc"),
                graft("link", "--helpers", "h.bc", "--report", "k.bc", "-o", "k.o", "k.bc"),
                graft("helpers", "-o", "helpers.c", "helpers.c", "--", "-I."),
                graft("helpers", "-o", "flags", "--cflags-file", "flags", "helpers.c"));
        for (GraftRun run : runs) {
            run.failedWith(ExitCode.BAD_INPUT);
            assertThat(run.err()).startsWith("graft: ").contains("would overwrite");
        }
        assertThat(Files.readAllBytes(dir.resolve("k.bc"))).isEqualTo(crate);
        assertThat(Files.readAllBytes(dir.resolve("h.bc"))).isEqualTo(helpers);
        assertThat(Files.readAllBytes(dir.resolve("helpers.c"))).isEqualTo(source);
        assertThat(Files.readString(dir.resolve("flags"))).isEqualTo("-O2 -I.\n");
        assertThat(dir.resolve("k.o")).doesNotExist();
    }

    @Test
    void graftHelpersWritesNoDependencyFileKbuildsFlagsAskTheCompilerFor() throws Exception {
        Files.createDirectories(dir.resolve("deps"));
        GraftRun run = graft("helpers", "-o", "kbuild.bc", "helpers.c", "--", "-O2", "-I.",
                "-Wp,-MMD,deps/.helpers.o.d", "-Wp,-MD,deps/other.d");
        run.succeeded();
        assertThat(run.out()).contains("removed flags: -Wp,-MMD,deps/.helpers.o.d -Wp,-MD,deps/other.d");
        try (var written = Files.list(dir.resolve("deps"))) {
            assertThat(written).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"inprocess", "tools"})
    void newOutputsFollowTheUmaskAndReplacedOnesKeepTheirMode(String backend) throws Exception {
        CommandResult plain = separateGraft(List.of(), "umask 027", Map.of(), "rustc", "--backend", backend,
                "--helpers", "h.bc", "--report", "r.json", "--", "--crate-type=lib", "-O",
                "--emit=obj=k.o,dep-info=k.d", "uses_helpers.rs");
        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        CommandResult byRustc = ProcessRunner.quiet().run(new Command(List.of("sh", "-c",
                "umask 027; exec \"$0\" --crate-type=lib --emit=obj=rustc.o,dep-info=rustc.d uses_helpers.rs",
                toolchain.rustc().executable().toString()), Optional.of(dir), Map.of(), Duration.ofMinutes(2)));
        assertThat(byRustc.exitCode()).as(byRustc.stderr()).isZero();
        assertThat(mode(dir.resolve("rustc.o"))).isEqualTo("rw-r-----");
        for (String output : List.of("k.o", "k.d", "r.json")) {
            assertThat(mode(dir.resolve(output))).as(output).isEqualTo(mode(dir.resolve("rustc.o")));
        }

        for (String output : List.of("k.o", "k.d", "r.json")) {
            Files.setPosixFilePermissions(dir.resolve(output), PosixFilePermissions.fromString("rw-rw-r--"));
        }
        CommandResult again = separateGraft(List.of(), "umask 077", Map.of(), "rustc", "--backend", backend,
                "--helpers", "h.bc", "--report", "r.json", "--", "--crate-type=lib", "-O",
                "--emit=obj=k.o,dep-info=k.d", "uses_helpers.rs");
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        for (String output : List.of("k.o", "k.d", "r.json")) {
            assertThat(mode(dir.resolve(output))).as(output).isEqualTo("rw-rw-r--");
        }
    }

    @Test
    void badInputsAreNamedForWhatTheyAre() throws Exception {
        Files.writeString(dir.resolve("empty.json"), "{}");
        GraftRun notAReport = graft("report", "empty.json");
        notAReport.failedWith(ExitCode.BAD_INPUT);
        assertThat(notAReport.err()).isEqualTo("graft: empty.json is not a graft report: it has no backend\n");

        Files.createDirectories(dir.resolve("lib"));
        mknod("null", "c", 1, 3);
        String[] crate = {"--", "--crate-type=lib", "--emit=obj=k.o", "uses_helpers.rs"};
        GraftRun directory = rustc("inprocess", "--helpers", "lib");
        assertThat(graftLine(graft(concat(List.of("rustc", "--helpers", "lib"), crate))))
                .isEqualTo("graft: --helpers lib is a directory");
        directory.failedWith(ExitCode.BAD_INPUT);
        assertThat(graftLine(graft(concat(List.of("rustc", "--helpers", "null"), crate))))
                .isEqualTo("graft: --helpers null is not a regular file");
        assertThat(graftLine(graft(concat(List.of("rustc", "--helpers", "nope.bc"), crate))))
                .isEqualTo("graft: --helpers nope.bc does not exist");
        assertThat(graftLine(graft(concat(List.of("rustc", "--helperz", "h.bc"), crate))))
                .startsWith("graft: Unknown option: '--helperz'");
        assertThat(graftLine(rustc("inprocess", "--", "--crate-type=lib", "--emit=obj=lib", "uses_helpers.rs")))
                .isEqualTo("graft: cannot write lib: it is a directory");
        GraftRun noScratch = GraftRun.run(dir, Map.of("GRAFT_CACHE_DIR", dir.resolve(".cache").toString(), "TMPDIR",
                dir.resolve("missing").toString()), concat(List.of("rustc", "--helpers", "h.bc"), crate));
        assertThat(graftLine(noScratch)).startsWith("graft: cannot create a scratch directory in " + dir.resolve("missing")
                + " (set TMPDIR to a writable directory): ");
        assertThat(dir.resolve("k.o")).doesNotExist();
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(Arrays.asList(tail));
        return all.toArray(String[]::new);
    }

    private static String graftLine(GraftRun run) {
        run.failedWith(ExitCode.BAD_INPUT);
        List<String> lines = run.err().lines().toList();
        assertThat(lines).as(run.toString()).hasSize(1);
        return lines.getFirst();
    }
}
