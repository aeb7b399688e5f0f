package dev.graft;

import dev.graft.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link of README.md, docs/ and bench/RESULTS.md leads somewhere: the file exists, and a
 * {@code #section} of a Markdown page is one of its headings (GitHub's anchors). Pages moved between the
 * README and docs/, and numbers between the docs and RESULTS.md; a link left behind fails here.
 */
class DocLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#+ (.*)$");

    @Test
    void everyRelativeLinkLeadsToAFileAndSection() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Fixtures.PROJECT.resolve("README.md"),
                Fixtures.PROJECT.resolve("bench/RESULTS.md")));
        try (Stream<Path> docs = Files.list(Fixtures.PROJECT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(pages::add);
        }
        int checked = 0;
        for (Path page : pages) {
            Matcher link = LINK.matcher(Files.readString(page));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // not a path in the checkout
                }
                int hash = target.indexOf('#');
                Path file = hash == 0 ? page : page.resolveSibling(hash < 0 ? target : target.substring(0, hash));
                assertThat(file).as("%s links to %s", page.getFileName(), target).exists();
                if (hash >= 0 && file.toString().endsWith(".md")) {
                    assertThat(anchors(file)).as("%s links to %s", page.getFileName(), target)
                            .contains(target.substring(hash + 1));
                }
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(30);
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as hyphens. */
    private static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            Matcher heading = HEADING.matcher(line);
            if (!fenced && heading.matches()) {
                anchors.add(heading.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("[^\\w\\- ]", "")
                        .replace(' ', '-'));
            }
        }
        return anchors;
    }
}
