package dev.graft.cli;

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
        CliContext context = new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                Map.of(), Path.of("."), List.of());
        assertThat(GraftCommand.commandLine(context).getSubcommands().keySet())
                .containsExactlyInAnyOrderElementsOf(CargoForms.COMMAND_NAMES);
    }
}
