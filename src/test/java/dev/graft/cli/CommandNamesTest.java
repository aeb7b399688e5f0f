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
        assertThat(GraftCommand.commandLine(context).getSubcommands().keySet())
                .containsExactlyInAnyOrderElementsOf(CargoForms.COMMAND_NAMES);
        assertThat(GraftCommand.commandLine(context).getSubcommands().get("rustc").getCommandSpec().optionsMap()
                .keySet()).containsExactlyInAnyOrderElementsOf(CargoForms.RUSTC_COMMAND_OPTIONS);
    }

    @Test
    void aCommandLineForANamedCommandHasThatCommandOnlyAndAnyOtherHasThemAll() {
        CliContext context = TestContexts.context(Map.of());
        assertThat(GraftCommand.commandLineFor(List.of("rustc", "--helpers", "h.bc"), context).getSubcommands()
                .keySet()).containsExactly("rustc");
        assertThat(GraftCommand.commandLineFor(List.of("server", "run"), context).getSubcommands().keySet())
                .containsExactly("server");
        for (List<String> args : List.of(List.<String>of(), List.of("--version"), List.of("rustcc"))) {
            assertThat(GraftCommand.commandLineFor(args, context).getSubcommands().keySet()).as(args.toString())
                    .containsExactlyInAnyOrderElementsOf(CargoForms.COMMAND_NAMES);
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
