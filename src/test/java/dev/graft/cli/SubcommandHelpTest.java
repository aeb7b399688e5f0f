package dev.graft.cli;

import dev.graft.ExitCode;
import dev.graft.process.Command;
import dev.graft.process.CommandException;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.GraftProcess;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.TestToolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every graft command answers {@code --help}, {@code -h} and {@code graft help COMMAND} with its usage on
 * stdout and exit 0, as graft's own error messages ("see 'graft helpers --help'") tell users to do; and a
 * {@code --help} or {@code -h} meant for rustc (after {@code --}, or from cargo) still reaches rustc.
 */
class SubcommandHelpTest {

    @TempDir
    Path dir;

    static List<String> commands() {
        return List.copyOf(commandLine().getSubcommands().keySet());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandPrintsItsUsageForHelpOnStdoutAndExitsZero(String command) {
        GraftRun help = GraftRun.run(dir, command, "--help");
        help.succeeded();
        assertThat(help.err()).as(help.toString()).isEmpty();
        assertThat(help.out()).startsWith("Usage: graft " + command + " ");
        for (String option : optionNames(command)) {
            assertThat(help.out()).as("the usage of 'graft %s' names %s", command, option).contains(option);
        }
        assertThat(GraftRun.run(dir, command, "-h").succeeded().out()).isEqualTo(help.out());
        assertThat(GraftRun.run(dir, "help", command).succeeded().out()).isEqualTo(help.out());
    }

    @ParameterizedTest
    @MethodSource("commands")
    void everyCommandPrintsGraftsVersion(String command) {
        for (String flag : List.of("--version", "-V")) {
            GraftRun version = GraftRun.run(dir, command, flag);
            version.succeeded();
            assertThat(version.out()).isEqualTo(GraftRun.run(dir, "--version").out()).startsWith("graft ");
            assertThat(version.err()).isEmpty();
        }
    }

    @Test
    void helpWinsOverMissingRequiredOptionsAndWordsAfterTheSeparator() {
        GraftRun help = GraftRun.run(dir, "rustc", "--help", "--", "--emit=obj=k.o", "k.rs");
        help.succeeded();
        assertThat(help.out()).startsWith("Usage: graft rustc ");
    }

    /** A synopsis written by hand ({@code [OPTIONS]}) must still name what the command cannot do without. */
    @ParameterizedTest
    @MethodSource("commands")
    void theUsageLineNamesEveryRequiredOptionAndParameter(String command) {
        CommandLine.Model.CommandSpec spec = commandLine().getSubcommands().get(command).getCommandSpec();
        String usage = GraftRun.run(dir, command, "--help").out();
        // The synopsis is all that comes before the description.
        String description = spec.usageMessage().description()[0];
        String synopsis = usage.substring(0, usage.indexOf(description.substring(0, description.indexOf(' '))));
        spec.options().stream().filter(CommandLine.Model.OptionSpec::required)
                .forEach(option -> assertThat(synopsis).contains(option.longestName() + "=" + option.paramLabel()));
        spec.positionalParameters().forEach(parameter -> assertThat(synopsis).contains(parameter.paramLabel()));
    }

    @Test
    void theUsageShowsTheWordsThatFollowTheSeparator() {
        assertThat(GraftRun.run(dir, "rustc", "--help").out()).contains("-- RUSTC_ARGS...");
        assertThat(GraftRun.run(dir, "helpers", "--help").out()).contains("[-- CLANG_FLAGS...]");
        assertThat(GraftRun.run(dir, "link", "--help").out()).contains("[-- CODEGEN_FLAGS...]");
    }

    @Test
    void helpWithoutACommandListsTheCommands() {
        GraftRun help = GraftRun.run(dir, "help");
        help.succeeded();
        assertThat(help.out()).startsWith("Usage: graft ").contains("helpers", "rustc", "link", "Exit codes:")
                .isEqualTo(GraftRun.run(dir, "--help").out());
    }

    /** Not the wrapper form either: {@code ls} is a program on PATH, as cargo's rustc is, and must not run. */
    @Test
    void helpForAWordThatIsNoCommandIsBadUsage() {
        GraftRun help = GraftRun.run(dir, "help", "ls");
        help.failedWith(ExitCode.BAD_INPUT);
        assertThat(help.out()).isEmpty();
        assertThat(help.failureLine()).isEqualTo("graft: 'graft help' takes one of the commands cargo-setup, demo, doctor, helpers, "
                + "link, report, rustc, server (see 'graft --help')");
    }

    @Test
    void anUnknownOptionPointsAtAHelpThatWorks() {
        GraftRun wrong = GraftRun.run(dir, "helpers", "--frobnicate");
        wrong.failedWith(ExitCode.BAD_INPUT);
        assertThat(wrong.failureLine()).isEqualTo("graft: Unknown option: '--frobnicate' (see 'graft helpers --help')");
        assertThat(GraftRun.run(dir, "helpers", "--help").succeeded().out()).startsWith("Usage: graft helpers ");
    }

    /** graft's own process: the usage on its stdout, nothing on stderr, exit 0. */
    @Test
    void aGraftProcessPrintsTheUsageOnStdout() {
        CommandResult help = graft(dir, "link", "--help");
        assertThat(help.exitCode()).as(help.stderr()).isZero();
        assertThat(help.stdout()).startsWith("Usage: graft link ").contains("--helpers=HELPERS.bc");
        assertThat(help.stderr()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"--help, Usage: rustc [OPTIONS] INPUT", "-h, Usage: rustc [OPTIONS] INPUT", "--version, rustc 1.",
            "-V, rustc 1."})
    void aHelpOrVersionFlagAfterTheSeparatorIsRustcs(String flag, String rustcSays) {
        CommandResult rustc = graft(dir, "rustc", "--helpers", "h.bc", "--", flag);
        assertThat(rustc.exitCode()).as(rustc.stderr()).isZero();
        assertThat(rustc.stdout()).startsWith(rustcSays).doesNotContain("graft");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void aHelpFlagCargoHandsToRustcIsRustcs(String flag) {
        Path rustc = TestToolchain.require().rustc().executable();
        CommandResult rustcHelp = graft(dir, rustc.toString(), flag);
        assertThat(rustcHelp.exitCode()).as(rustcHelp.stderr()).isZero();
        assertThat(rustcHelp.stdout()).startsWith("Usage: rustc [OPTIONS] INPUT").doesNotContain("graft");
    }

    /** The program name is not one of rustc's arguments: {@code rustc} is read as the crate's source, as before. */
    @Test
    void aRustcWordAfterTheSeparatorIsReadAsBefore() {
        GraftRun run = GraftRun.run(dir, "rustc", "--helpers", "h.bc", "--", "rustc", "--help");
        run.failedWith(ExitCode.BAD_INPUT);
        assertThat(run.failureLine()).contains("has no --emit");
        assertThat(run.out()).isEmpty();
    }

    private static CommandLine commandLine() {
        return GraftCommand.commandLine();
    }

    /** Each option of {@code command} by its longest name, as its usage must show it. */
    private static List<String> optionNames(String command) {
        return commandLine().getSubcommands().get(command).getCommandSpec().options().stream()
                .filter(option -> !option.hidden()).map(CommandLine.Model.OptionSpec::longestName).toList();
    }

    private static CommandResult graft(Path directory, String... args) {
        try {
            return ProcessRunner.quiet().run(new Command(GraftProcess.argv(args), Optional.of(directory),
                    Map.of("GRAFT_CACHE_DIR", directory.resolve(".cache").toString()), Duration.ofMinutes(2)));
        } catch (CommandException e) {
            throw new IllegalStateException(e);
        }
    }
}
