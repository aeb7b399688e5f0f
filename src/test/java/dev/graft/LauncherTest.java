package dev.graft;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.Way;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher refuses what it cannot take with one line and exit 2, before it builds or starts
 * anything: a GRAFT_SERVER that is neither on nor off in any usual spelling (it used to mean "on"), a
 * GRAFT_SERVER_IDLE that is not seconds (it used to become "the graft server did not start"), a working
 * directory that was removed. And it rebuilds the jar when a source is newer, the generated binding's
 * declaration list included, whether the launcher checks (GRAFT_SERVER=off) or the client it hands the
 * command to (the server's way).
 */
class LauncherTest {

    private static final Path LAUNCHER = Fixtures.PROJECT.resolve("graft");

    @TempDir
    Path dir;

    @Test
    void refusesAGraftServerValueThatIsNeitherOnNorOff() throws Exception {
        for (String value : List.of("maybe", "2", "of")) {
            CommandResult run = launcher(dir, Map.of("GRAFT_SERVER", value), "--version");
            assertThat(run.exitCode()).as(value).isEqualTo(ExitCode.BAD_INPUT.status());
            assertThat(run.stderr()).isEqualTo("graft: GRAFT_SERVER must be on or off (or 1/0, true/false, yes/no), "
                    + "not '" + value + "'\n");
        }
    }

    @Test
    void refusesAnIdleTimeoutThatIsNotSeconds() throws Exception {
        CommandResult run = launcher(dir, Map.of("GRAFT_SERVER_IDLE", "abc"), "--version");
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.status());
        assertThat(run.stderr()).isEqualTo("graft: GRAFT_SERVER_IDLE must be a whole number of seconds, not 'abc'\n");
    }

    @Test
    void refusesAWorkingDirectoryThatWasRemoved() throws Exception {
        Path gone = Files.createDirectories(dir.resolve("gone"));
        CommandResult run = run(List.of("sh", "-c", "cd \"$1\" && rmdir \"$1\" && exec \"$2\" --version", "sh",
                gone.toString(), LAUNCHER.toString()), dir, Map.of());
        assertThat(run.exitCode()).isEqualTo(ExitCode.BAD_INPUT.status());
        assertThat(run.stderr().lines().filter(l -> l.startsWith("graft: ")).toList())
                .containsExactly("graft: the working directory " + gone + " no longer exists");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void rebuildsTheJarWhenTheLlvmCDeclarationListIsNewerThanIt(Way way) throws Exception {
        Path project = miniatureProject(way);
        Path list = project.resolve("src/main/capi/llvm-c.functions");
        Files.setLastModifiedTime(list, FileTime.from(Instant.now()));

        CommandResult run = run(List.of(project.resolve("graft").toString(), "--version"), project, way(way));

        assertThat(run.stderr()).contains("graft: building graft.jar (first use or sources changed)...");
        assertThat(Files.readString(project.resolve("mvnw-called"))).isEqualTo("-q -B -DskipTests package\n");
        assertThat(run.exitCode()).isEqualTo(ExitCode.TOOL_FAILED.status());
        assertThat(run.stderr()).endsWith("graft: build failed\n");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void leavesTheJarAloneWhenOnlyAFileTheSourceGlobSkipsIsNewer(Way way) throws Exception {
        Path project = miniatureProject(way);
        Path swap = Files.writeString(project.resolve("src/main/capi/.llvm-c.functions.swp"), "an editor's swap file");
        // Its directory changed too: as old as the jar's other sources again, so only the swap file is newer.
        Files.setLastModifiedTime(swap.getParent(), FileTime.from(Instant.now().minusSeconds(7200)));

        CommandResult run = run(List.of(project.resolve("graft").toString(), "--version"), project, way(way));

        // The empty jar then fails to run: past the build, which is all this test is about.
        assertThat(run.stderr()).doesNotContain("building graft.jar");
        assertThat(project.resolve("mvnw-called")).doesNotExist();
    }

    /**
     * The launcher's world in miniature: a jar newer than every source (the list the LLVM-C binding is generated
     * from among them), an mvnw that records how it was called and fails, so that nothing past the build runs,
     * and for the server's way an up-to-date client, which then checks the sources in the launcher's stead.
     */
    private Path miniatureProject(Way way) throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(project.resolve("scripts"));
        Files.createDirectories(project.resolve("client"));
        Files.copy(LAUNCHER, project.resolve("graft"));
        for (String file : List.of("scripts/find-jdk", "scripts/build-client", "client/graft-client.c")) {
            Files.copy(Fixtures.PROJECT.resolve(file), project.resolve(file));
        }
        Path mvnw = Files.writeString(project.resolve("mvnw"), "#!/bin/sh\necho \"$@\" > mvnw-called\nexit 1\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path list = project.resolve("src/main/capi/llvm-c.functions");
        Files.createDirectories(list.getParent());
        Files.copy(Fixtures.PROJECT.resolve("src/main/capi/llvm-c.functions"), list);
        Path jar = Files.createDirectories(project.resolve("target")).resolve("graft.jar");
        Files.writeString(jar, "");
        FileTime older = FileTime.from(Instant.now().minusSeconds(7200));
        for (Path source : List.of(project.resolve("pom.xml"), project.resolve("src/main"), list.getParent(), list)) {
            if (Files.notExists(source)) {
                Files.writeString(source, "");
            }
            Files.setLastModifiedTime(source, older);
        }
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
        if (way == Way.SERVER) {
            CommandResult built = run(List.of(project.resolve("scripts/build-client").toString()), project, Map.of());
            assertThat(built.exitCode()).as(built.stderr()).isZero();
        }
        return project;
    }

    private Map<String, String> way(Way way) {
        return way == Way.SERVER ? Map.of("GRAFT_SOCKET", dir.resolve("sock/graft.sock").toString())
                : Map.of("GRAFT_SERVER", "off");
    }

    private static CommandResult launcher(Path directory, Map<String, String> environment, String... args)
            throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of(LAUNCHER.toString()));
        argv.addAll(List.of(args));
        return run(argv, directory, environment);
    }

    private static CommandResult run(List<String> argv, Path directory, Map<String, String> environment)
            throws Exception {
        return ProcessRunner.quiet().run(new Command(argv, Optional.of(directory), environment, Duration.ofMinutes(1)));
    }
}
