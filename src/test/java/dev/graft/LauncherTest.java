package dev.graft;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import org.junit.jupiter.api.Test;
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
 * declaration list included.
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

    @Test
    void rebuildsTheJarWhenTheLlvmCDeclarationListIsNewerThanIt() throws Exception {
        // The launcher's world in miniature: a jar older than the list the LLVM-C binding is generated from,
        // and an mvnw that records how it was called and fails, so that nothing past the build runs.
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(project.resolve("scripts"));
        Files.copy(LAUNCHER, project.resolve("graft"));
        Files.copy(Fixtures.PROJECT.resolve("scripts/find-jdk"), project.resolve("scripts/find-jdk"));
        Path mvnw = Files.writeString(project.resolve("mvnw"), "#!/bin/sh\necho \"$@\" > mvnw-called\nexit 1\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path list = project.resolve("src/main/capi/llvm-c.functions");
        Files.createDirectories(list.getParent());
        Files.copy(Fixtures.PROJECT.resolve("src/main/capi/llvm-c.functions"), list);
        Path jar = Files.createDirectories(project.resolve("target")).resolve("graft.jar");
        Files.writeString(jar, "");
        FileTime older = FileTime.from(Instant.now().minusSeconds(7200));
        for (Path source : List.of(project.resolve("pom.xml"), project.resolve("src/main"), list.getParent())) {
            if (Files.notExists(source)) {
                Files.writeString(source, "");
            }
            Files.setLastModifiedTime(source, older);
        }
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));

        CommandResult run = run(List.of(project.resolve("graft").toString(), "--version"), project,
                Map.of("GRAFT_SERVER", "off"));

        assertThat(run.stderr()).contains("graft: building graft.jar (first use or sources changed)...");
        assertThat(Files.readString(project.resolve("mvnw-called"))).isEqualTo("-q -B -DskipTests package\n");
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
