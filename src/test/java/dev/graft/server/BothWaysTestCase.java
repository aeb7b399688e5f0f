package dev.graft.server;

import dev.graft.process.CommandResult;
import dev.graft.testkit.BothWays;
import dev.graft.testkit.ServerHarness;
import dev.graft.testkit.TestToolchain;
import dev.graft.testkit.Way;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test whose cases run {@link BothWays}, each {@code @EnumSource(Way.class)}: in the test's own directory,
 * with its own helper cache and a server of its own, stopped afterwards.
 */
abstract class BothWaysTestCase {

    @TempDir
    Path dir;
    BothWays ways;
    final Toolchain toolchain = TestToolchain.require();

    @BeforeEach
    void startWays() throws IOException {
        ways = new BothWays(dir);
    }

    @AfterEach
    void stopServer() {
        ways.close();
    }

    /** graft {@code args} in the test's directory, run {@code way}. */
    CommandResult graft(Way way, String... args) {
        return graft(way, dir, Map.of(), args);
    }

    /** The same in {@code workingDirectory}, with {@code extra} in the command's environment. */
    CommandResult graft(Way way, Path workingDirectory, Map<String, String> extra, String... args) {
        Map<String, String> environment = new HashMap<>(ServerHarness.environment(dir));
        environment.putAll(extra);
        return ways.graft(way, workingDirectory, environment, args);
    }

    /** graft's one failure line on stderr, asserting there is exactly one and no stack trace. */
    static String failureLine(CommandResult result) {
        List<String> lines = result.stderr().lines().filter(l -> l.startsWith("graft: ")).toList();
        assertThat(lines).as(result.stderr()).hasSize(1);
        assertThat(result.stderr()).doesNotContain("\tat ");
        return lines.getFirst();
    }
}
