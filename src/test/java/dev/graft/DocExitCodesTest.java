package dev.graft;

import dev.graft.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exit-code table is shown twice, on the README (the front door) and in docs/exit-codes.md (the
 * reference): the two are the same table, and it lists every status {@link ExitCode} has, so neither can
 * drift from the other or from the code.
 */
class DocExitCodesTest {

    @Test
    void theReadmeAndTheReferenceShowOneTableOfEveryExitCode() throws IOException {
        List<String> readme = table(Fixtures.PROJECT.resolve("README.md"));
        List<String> reference = table(Fixtures.PROJECT.resolve("docs/exit-codes.md"));
        assertThat(readme).isEqualTo(reference);
        List<String> codes = readme.stream().skip(2).map(row -> row.split("\\|")[1].strip()).toList();
        for (ExitCode code : ExitCode.values()) {
            if (code == ExitCode.CANCELLED) {
                // A cancelled graft ends by its signal, as a shell reports it: 128+N, 130 for Ctrl-C.
                assertThat(codes).contains("128+N");
                assertThat(readme.stream().filter(row -> row.startsWith("| 128+N |")).findFirst().orElseThrow())
                        .contains(code.status() + " for Ctrl-C");
            } else {
                assertThat(codes).as(code.name()).contains(Integer.toString(code.status()));
            }
        }
        assertThat(codes).as("no status graft does not have").hasSize(ExitCode.values().length);
    }

    /** The table under the page's "Exit codes" heading, row by row (the header and rule rows first). */
    private static List<String> table(Path page) throws IOException {
        List<String> lines = Files.readAllLines(page);
        int heading = 0;
        while (heading < lines.size() && !lines.get(heading).matches("#+ Exit codes")) {
            heading++;
        }
        assertThat(heading).as("%s has an Exit codes heading", page.getFileName()).isLessThan(lines.size());
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(heading + 1, lines.size())) {
            if (line.startsWith("|")) {
                rows.add(line);
            } else if (!rows.isEmpty()) {
                break;
            }
        }
        assertThat(rows).as("the table under %s's Exit codes", page.getFileName()).hasSizeGreaterThan(2);
        return rows;
    }
}
