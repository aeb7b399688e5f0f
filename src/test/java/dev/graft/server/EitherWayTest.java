package dev.graft.server;

import dev.graft.ExitCode;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.ServerHarness;
import dev.graft.testkit.Way;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a user sees of where a command runs is the same through the warm server and in a JVM of its
 * own: the modes of new outputs follow the caller's umask, {@code /dev/stdout} and its aliases are the
 * caller's standard output, a descriptor the caller did not give graft is refused before any work,
 * bytes that are not UTF-8 are refused with one line, and a cancelled build never writes its object
 * later over a newer one.
 */
class EitherWayTest extends BothWaysTestCase {

    private static final Path K = Fixtures.KERNEL_HELPERS;

    @BeforeEach
    void helpers() {
        GraftRun.run(dir, "helpers", "-o", "h.bc", "--cflags-file", K.resolve("cflags").toString(),
                K.resolve("helpers.c").toString(), "--", "-I" + K.resolve("include")).succeeded();
    }

    private Map<String, String> environment() {
        return ServerHarness.environment(dir, "TMPDIR", scratch().toString());
    }

    private Path scratch() {
        try {
            return Files.createDirectories(dir.resolve("scratch"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String[] demoCrate(String... graftOptions) {
        List<String> args = new ArrayList<>(List.of("rustc", "--helpers", "../h.bc"));
        args.addAll(List.of(graftOptions));
        args.addAll(List.of("--", "--crate-type=lib", "--crate-name=khelpers_demo", "--edition=2021",
                "-Copt-level=2", "-Cpanic=abort", "--emit=obj=k.o", K.resolve("crate/lib.rs").toString()));
        return args.toArray(String[]::new);
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void newOutputsTakeTheCallersUmask(Way way) throws Exception {
        for (String umask : List.of("077", "002")) {
            Path out = Files.createDirectories(dir.resolve("umask" + umask));
            CommandResult run = ways.graftWithUmask(way, umask, out, environment(), demoCrate("--report", "r.json"));
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            String expected = umask.equals("077") ? "rw-------" : "rw-rw-r--";
            for (String output : List.of("k.o", "r.json")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(output))))
                        .as(way + ", umask " + umask + ": " + output).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void standardStreamPathsAreTheCallersOwnStreams(Way way) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createSymbolicLink(out.resolve("to-stdout"), Path.of("/dev/stdout"));
        for (String report : List.of("/dev/stdout", "/proc/self/fd/1", "/dev/fd/1", "to-stdout")) {
            CommandResult run = ways.graft(way, out, environment(), demoCrate("--report", report));
            assertThat(run.exitCode()).as(report + ": " + run.stderr()).isZero();
            assertThat(run.stdout()).as(way + ": --report " + report).contains("\"crate\" : \"khelpers_demo\"");
        }
        CommandResult toStderr = ways.graft(way, out, environment(), demoCrate("--report", "/dev/stderr"));
        assertThat(toStderr.stderr()).contains("\"crate\" : \"khelpers_demo\"");
        assertThat(toStderr.stdout()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aDescriptorTheCallerDidNotGiveIsRefusedBeforeAnyWork(Way way) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        for (String report : List.of("/dev/fd/3", "/proc/self/fd/4", "/dev/stdin")) {
            CommandResult run = ways.graft(way, out, environment(), demoCrate("--report", report));
            assertThat(run.exitCode()).as(report + ": " + run.stderr()).isEqualTo(ExitCode.BAD_INPUT.status());
            assertThat(run.stderr().lines().filter(l -> l.startsWith("graft: ")).toList()).as(run.stderr())
                    .hasSize(1).first().asString().contains("not to descriptor");
            assertThat(out.resolve("k.o")).as("nothing built for " + report).doesNotExist();
        }
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void bytesThatAreNotUtf8AreRefusedWithOneLine(Way way) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        // A shell deals in bytes; Java's strings cannot carry these, so sh makes them.
        List<String> argument = new ArrayList<>(List.of("sh", "-c", "exec \"$@\" \"$(printf 'h\\377.bc')\"", "sh"));
        argument.addAll(ways.argv(way, List.of("rustc", "--helpers")));
        List<String> variable = new ArrayList<>(List.of("sh", "-c", "CPATH=$(printf '\\377') exec \"$@\"", "sh"));
        variable.addAll(ways.argv(way, List.of(demoCrate())));
        for (List<String> argv : List.of(argument, variable)) {
            CommandResult run = ProcessRunner.quiet().run(new Command(argv, Optional.of(out), environment(),
                    Duration.ofMinutes(5)));
            assertThat(run.exitCode()).as(run.stderr()).isEqualTo(ExitCode.BAD_INPUT.status());
            assertThat(run.stderr().lines().toList()).as(run.stderr()).hasSize(1).first().asString()
                    .startsWith("graft: ").contains("not valid UTF-8");
        }
    }

    /**
     * The worst a build tool can do: Ctrl-C while LLVM builds an object, an edit, a rebuild, and then the
     * old build's object landing over the new one, newer than the source, so make calls it up to date.
     */
    @ParameterizedTest
    @EnumSource(Way.class)
    void aCancelledBuildNeverWritesItsObjectOverANewerBuild(Way way) throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path source = out.resolve("big.rs");
        Files.writeString(source, bigCrate("marker_old"));
        String[] build = {"rustc", "--helpers", "../h.bc", "--", "--crate-type=lib", "--crate-name=big",
                "--edition=2021", "-Copt-level=2", "-Cpanic=abort", "--emit=obj=big.o", "big.rs"};

        Process cancelled = ways.start(way, out, environment(), dir.resolve("cancelled"), build);
        assertThat(ServerHarness.waitUntil(Duration.ofMinutes(5), () -> rustcDone(out)))
                .as("rustc never finished the crate's bitcode").isTrue();
        // graft's steps before code generation take a fraction of a second here (each ends with a look at the
        // cancellation), code generation of 3,000 functions seconds: the cancel must land in that native step,
        // which cannot be interrupted, to be the case this test is about.
        Thread.sleep(1_000);
        long signalled = System.nanoTime();
        new ProcessBuilder("kill", "-INT", Long.toString(cancelled.pid())).start().waitFor();
        assertThat(cancelled.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long exitMs = (System.nanoTime() - signalled) / 1_000_000;
        System.out.println(way + ": the cancelled graft exited " + exitMs + " ms after SIGINT");
        assertThat(cancelled.exitValue()).isEqualTo(130);
        assertThat(exitMs).as("the client waited for LLVM").isLessThan(5_000);
        if (way == Way.SERVER) {
            assertThat(ways.server().status()).as("LLVM was still at work when the client was cancelled")
                    .contains("cancelled and finishing");
        }
        assertThat(out.resolve("big.o")).as("the cancelled build wrote its object").doesNotExist();

        Files.writeString(source, bigCrate("marker_new"));
        CommandResult rebuilt = ways.graft(way, out, environment(), build);
        assertThat(rebuilt.exitCode()).as(rebuilt.stderr()).isZero();
        // Until the abandoned work has ended, it could still write: wait for that, then look.
        assertThat(ServerHarness.waitUntil(Duration.ofMinutes(3),
                () -> !ways.server().status().contains("cancelled and finishing"))).isTrue();
        Thread.sleep(500);
        String symbols = new String(new ProcessBuilder(toolchain.llvm().llvmNm().toString(), out.resolve("big.o")
                .toString()).redirectErrorStream(true).start().getInputStream().readAllBytes());
        assertThat(symbols).contains("marker_new").doesNotContain("marker_old");
        try (var left = Files.list(scratch())) {
            assertThat(left.toList()).as("scratch left behind").isEmpty();
        }
    }

    /** rustc has written the crate's bitcode and exited: graft's own LLVM steps run now. */
    private static boolean rustcDone(Path out) {
        try (var processes = Files.list(Path.of("/proc"))) {
            boolean rustcRuns = processes.filter(p -> p.getFileName().toString().matches("\\d+")).anyMatch(p -> {
                try {
                    String cmdline = Files.readString(p.resolve("cmdline")).replace('\0', ' ');
                    return cmdline.contains("--crate-name=big") && cmdline.contains("--emit=")
                            && !cmdline.contains("dev.graft") && !cmdline.contains("graft-client");
                } catch (IOException | RuntimeException e) {
                    return false;
                }
            });
            try (var scratch = Files.walk(out.resolveSibling("scratch"))) {
                return !rustcRuns && scratch.anyMatch(f -> f.getFileName().toString().equals("big.bc"));
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** A crate whose own code keeps LLVM busy for seconds, with a marker function that names its version. */
    static String bigCrate(String marker) {
        StringBuilder code = new StringBuilder("#![no_std]\nuse core::ffi::{c_long, c_ulong};\n")
                .append("#[no_mangle] pub extern \"C\" fn ").append(marker).append("() -> c_long { 1 }\n");
        for (int i = 0; i < 3000; i++) {
            code.append("#[no_mangle] pub extern \"C\" fn f").append(i).append("(a: c_ulong, b: c_ulong) -> c_ulong {\n")
                    .append("    let mut x = a ^ ").append(i).append("; let mut y = b.wrapping_mul(").append(i * 7 + 3)
                    .append(");\n    for k in 0..(a & 15) { x = x.rotate_left((k as u32) & 31).wrapping_add(y); ")
                    .append("y ^= x >> 3; if x & 1 == 0 { y = y.wrapping_mul(0x9E37_79B9); } }\n")
                    .append("    match x % 7 { 0 => x ^ y, 1 => x.wrapping_sub(y), 2 => y >> 2, 3 => x | y, ")
                    .append("4 => x & y, 5 => x.wrapping_mul(y), _ => x }\n}\n");
        }
        return code.toString();
    }
}
