package dev.graft.server;

import dev.graft.testkit.ServerHarness;
import dev.graft.process.CommandResult;
import dev.graft.testkit.GraftRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --help} through the warm server and the native client: the usage on the client's stdout, exactly
 * as graft's own process prints it, nothing on stderr, exit 0; and rustc's own {@code --help} after
 * {@code --} still reaches rustc, which runs in the client.
 */
class HelpThroughServerTest extends ServerTestCase {

    @Test
    void aCommandsHelpComesBackOnStdoutWithExitZero() {
        String expected = GraftRun.run(dir, "helpers", "--help").succeeded().out();
        for (String[] args : new String[][]{{"helpers", "--help"}, {"helpers", "-h"}, {"help", "helpers"}}) {
            CommandResult help = server.graft(dir, ServerHarness.environment(dir), args);
            assertThat(help.exitCode()).as(help.stderr()).isZero();
            assertThat(help.stdout()).startsWith("Usage: graft helpers ").isEqualTo(expected);
            assertThat(help.stderr()).isEmpty();
        }
    }

    @Test
    void rustcsOwnHelpAfterTheSeparatorRunsRustc() {
        CommandResult help = server.graft(dir, ServerHarness.environment(dir), "rustc", "--helpers", "h.bc", "--",
                "--help");
        assertThat(help.exitCode()).as(help.stderr()).isZero();
        assertThat(help.stdout()).startsWith("Usage: rustc [OPTIONS] INPUT").doesNotContain("graft");
    }
}
