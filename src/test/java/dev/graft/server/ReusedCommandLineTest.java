package dev.graft.server;

import dev.graft.process.CommandResult;
import dev.graft.testkit.Way;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server lends one command line (picocli's model, built once) to one request after another: nothing of
 * a request's options, help or report reaches the next one, through the server as in a JVM of its own.
 */
class ReusedCommandLineTest extends BothWaysTestCase {

    @ParameterizedTest
    @EnumSource(Way.class)
    void aRequestGetsNoneOfThePreviousRequestsOptions(Way way) {
        CommandResult verbose = graft(way, "rustc", "--helpers", "h.bc", "--verbose", "--", "-vV");
        assertThat(verbose.exitCode()).as(verbose.stderr()).isZero();
        assertThat(verbose.stderr()).contains("graft: passing through");

        CommandResult help = graft(way, "rustc", "--help");
        assertThat(help.exitCode()).as(help.stderr()).isZero();
        assertThat(help.stdout()).startsWith("Usage: graft rustc ");

        CommandResult plain = graft(way, "rustc", "--helpers", "h.bc", "--", "-vV");
        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        assertThat(plain.stdout()).startsWith("rustc ").doesNotContain("Usage:");
        assertThat(plain.stderr()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aMissingRequiredOptionIsMissingEvenAfterARequestThatGaveIt(Way way) {
        CommandResult given = graft(way, "rustc", "--helpers", "h.bc", "--", "-vV");
        assertThat(given.exitCode()).as(given.stderr()).isZero();

        CommandResult missing = graft(way, "rustc", "--", "-vV");
        assertThat(missing.exitCode()).isEqualTo(dev.graft.ExitCode.BAD_INPUT.status());
        assertThat(failureLine(missing)).contains("--helpers");
    }
}
