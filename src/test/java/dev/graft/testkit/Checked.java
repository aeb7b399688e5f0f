package dev.graft.testkit;

import dev.graft.process.Command;
import dev.graft.process.CommandException;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** A real tool a test runs and needs to succeed: a non-zero exit fails the test with the command and its errors. */
public final class Checked {

    private Checked() {
    }

    public static CommandResult run(Command command) throws CommandException {
        CommandResult result = ProcessRunner.quiet().run(command);
        assertThat(result.exitCode()).as(command.render() + " exited " + result.exitCode() + ":\n" + result.stderr())
                .isZero();
        return result;
    }
}
