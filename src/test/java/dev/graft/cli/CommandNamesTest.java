package dev.graft.cli;

import dev.graft.testkit.TestToolchain;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The wrapper form is told from graft's commands by a list that must name every command. */
class CommandNamesTest {

    @Test
    void theListOfCommandNamesIsTheCommandLinesOwn() {
        CliContext context = TestContexts.context(Map.of());
        assertThat(GraftCommand.commandLine().getSubcommands().keySet())
                .containsExactlyInAnyOrderElementsOf(CargoForms.COMMAND_NAMES);
        assertThat(GraftCommand.commandLine().getSubcommands().get("rustc").getCommandSpec().optionsMap()
                .keySet()).containsExactlyInAnyOrderElementsOf(CargoForms.RUSTC_COMMAND_OPTIONS);
    }

    @Test
    void aCommandLineForANamedCommandHasThatCommandOnlyAndAnyOtherHasThemAll() {
        assertThat(subcommandsLentFor(List.of("rustc", "--helpers", "h.bc"))).containsExactly("rustc");
        assertThat(subcommandsLentFor(List.of("server", "run"))).containsExactly("server");
        for (List<String> args : List.of(List.<String>of(), List.of("--version"), List.of("rustcc"))) {
            assertThat(subcommandsLentFor(args)).as(args.toString())
                    .containsExactlyInAnyOrderElementsOf(CargoForms.COMMAND_NAMES);
        }
    }

    @Test
    void aCommandLineIsLentToOneCommandAtATimeAndBuiltOncePerCommand() {
        try (GraftCommand.Loan first = GraftCommand.lend(List.of("report", "a.json"))) {
            picocli.CommandLine givenBack;
            try (GraftCommand.Loan second = GraftCommand.lend(List.of("report", "b.json"))) {
                assertThat(second.commandLine()).as("lent while the first is out").isNotSameAs(first.commandLine());
                givenBack = second.commandLine();
            }
            try (GraftCommand.Loan again = GraftCommand.lend(List.of("report", "c.json"))) {
                assertThat(again.commandLine()).as("the one given back, not a new one").isSameAs(givenBack);
            }
        }
    }

    private static java.util.Set<String> subcommandsLentFor(List<String> args) {
        try (GraftCommand.Loan loan = GraftCommand.lend(args)) {
            return loan.commandLine().getSubcommands().keySet();
        }
    }

    @Test
    void rustcIsCargosCompilerOnlyWithoutGraftsOptionsAndItsDoubleDash() {
        String rustcDirectory = TestToolchain.require().rustc().executable().getParent().toString();
        CliContext context = TestContexts.context(Map.of("PATH", rustcDirectory));
        assertThat(CargoForms.of(List.of("rustc", "-vV"), context)).contains(CargoForms.Form.RUSTC_WRAPPER);
        assertThat(CargoForms.of(List.of("rustc", "--crate-name", "app", "--edition=2021", "src/main.rs"), context))
                .contains(CargoForms.Form.RUSTC_WRAPPER);
        for (List<String> graftsOwn : List.of(List.of("rustc"), List.of("rustc", "--help"), List.of("rustc", "-V"),
                List.of("rustc", "--helpers", "h.bc", "--", "x.rs"), List.of("rustc", "--helpers=h.bc", "x.rs"),
                List.of("rustc", "--backend", "tools", "x.rs"))) {
            assertThat(CargoForms.of(graftsOwn, context)).as(String.join(" ", graftsOwn)).isEmpty();
        }
        CliContext noRustc = TestContexts.context(Map.of("PATH", "/nonexistent"));
        assertThat(CargoForms.of(List.of("rustc", "-vV"), noRustc)).isEmpty();
    }
}
