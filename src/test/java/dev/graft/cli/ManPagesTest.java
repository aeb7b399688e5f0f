package dev.graft.cli;

import dev.graft.testkit.Fixtures;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The man pages in docs/man are what picocli makes of the commands' annotations now, the source --help prints
 * from, so the two cannot disagree: one page per command, each equal to its generated text, and no page of a
 * command graft no longer has. {@code scripts/man-pages} rewrites them.
 */
class ManPagesTest {

    private static final Path DIRECTORY = Fixtures.PROJECT.resolve(ManPages.DIRECTORY);

    @Test
    void everyCommandHasItsGeneratedPageCheckedIn() throws IOException {
        Map<String, String> pages = ManPages.pages();
        assertThat(pages).containsKeys("graft.adoc", "graft-rustc.adoc", "graft-helpers.adoc");
        for (Map.Entry<String, String> page : pages.entrySet()) {
            Path file = DIRECTORY.resolve(page.getKey());
            assertThat(file).as("run scripts/man-pages").exists();
            assertThat(Files.readString(file)).as("%s differs from the annotations: run scripts/man-pages", file)
                    .isEqualTo(page.getValue());
        }
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as("pages of commands graft no longer has: run scripts/man-pages")
                    .containsExactlyInAnyOrderElementsOf(pages.keySet());
        }
    }

    @Test
    void eachPageNamesEveryOptionOfItsCommandAndTheTopPageEveryCommand() {
        Map<String, String> pages = ManPages.pages();
        CommandLine graft = GraftCommand.commandLine();
        graft.getSubcommands().forEach((name, command) -> {
            String page = pages.get("graft-" + name + ".adoc");
            assertThat(pages.get("graft.adoc")).contains("xref:graft-" + name + ".adoc[*" + name + "*]");
            for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
                assertThat(page).as("graft %s's page", name).contains("*" + option.longestName() + "*");
            }
        });
    }
}
