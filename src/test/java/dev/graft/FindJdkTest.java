package dev.graft;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * scripts/find-jdk asks a JDK its version by starting it, so the launcher remembers the answer
 * (target/jdk-home) instead of starting a JVM per installed JDK on every call; the answer is used
 * only for the JAVA_HOME it was found for.
 */
class FindJdkTest {

    @TempDir
    Path dir;

    @Test
    void remembersTheJdkItFoundAndUsesTheMemoWithoutStartingAJvm() throws Exception {
        Path script = Files.createDirectories(dir.resolve("scripts")).resolve("find-jdk");
        Files.copy(Fixtures.PROJECT.resolve("scripts/find-jdk"), script);
        String javaHome = Path.of(ProcessHandle.current().info().command().orElseThrow()).getParent().getParent()
                .toString();

        CommandResult first = findJdk(script, javaHome);
        assertThat(first.stdout()).isEqualTo(javaHome + "\n");
        assertThat(dir.resolve("target/jdk-home")).hasContent(javaHome + "\n" + javaHome);

        // A "JDK" whose java would fail if started: the memo answers for it without starting anything.
        Path fake = Files.createDirectories(dir.resolve("fake-jdk/bin"));
        for (String tool : List.of("java", "javac")) {
            Files.writeString(fake.resolve(tool), "#!/bin/sh\necho started >> " + dir.resolve("started") + "\nexit 1\n");
            Files.setPosixFilePermissions(fake.resolve(tool), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.writeString(dir.resolve("target/jdk-home"), javaHome + "\n" + fake.getParent() + "\n");
        assertThat(findJdk(script, javaHome).stdout()).isEqualTo(fake.getParent() + "\n");
        assertThat(dir.resolve("started")).doesNotExist();

        // Another JAVA_HOME is looked at afresh (and this one is no JDK 22: the newest installed one wins).
        CommandResult other = findJdk(script, fake.getParent().toString());
        assertThat(other.exitCode()).isZero();
        assertThat(dir.resolve("started")).exists();
        assertThat(other.stdout()).doesNotContain("fake-jdk");
    }

    private static CommandResult findJdk(Path script, String javaHome) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("JAVA_HOME", javaHome));
        CommandResult result = ProcessRunner.quiet().run(new Command(List.of(script.toString()), Optional.empty(), env,
                Duration.ofMinutes(2)));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result;
    }
}
