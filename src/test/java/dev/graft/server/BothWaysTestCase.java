package dev.graft.server;

import dev.graft.process.Command;
import dev.graft.process.CommandException;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.GraftProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test whose every case runs twice: through the warm server and its native client (the default), and in a
 * JVM of graft's own ({@code GRAFT_SERVER=off}, which makes the launcher run the same {@code Main}), so a
 * behaviour a user can see cannot differ between the two.
 */
abstract class BothWaysTestCase extends ServerTestCase {

    /** Where a command runs. */
    enum Way { SERVER, OWN_JVM }

    /** graft {@code args} in the test's directory, run {@code way}, with the test's own helper cache. */
    CommandResult graft(Way way, String... args) {
        return graft(way, dir, args);
    }

    CommandResult graft(Way way, Path workingDirectory, String... args) {
        return graft(way, workingDirectory, Map.of(), args);
    }

    /** The same with {@code extra} in the command's environment. */
    CommandResult graft(Way way, Path workingDirectory, Map<String, String> extra, String... args) {
        Map<String, String> environment = new HashMap<>(ServerHarness.environment(dir));
        environment.putAll(extra);
        return switch (way) {
            case SERVER -> server.graft(workingDirectory, environment, args);
            case OWN_JVM -> {
                try {
                    yield ProcessRunner.quiet().run(new Command(GraftProcess.argv(args), Optional.of(workingDirectory),
                            environment, Duration.ofMinutes(5)));
                } catch (CommandException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    /** graft's one failure line on stderr, asserting there is exactly one and no stack trace. */
    static String failureLine(CommandResult result) {
        List<String> lines = result.stderr().lines().filter(l -> l.startsWith("graft: ")).toList();
        assertThat(lines).as(result.stderr()).hasSize(1);
        assertThat(result.stderr()).doesNotContain("\tat ");
        return lines.getFirst();
    }
}
