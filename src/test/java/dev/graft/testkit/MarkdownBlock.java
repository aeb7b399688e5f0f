package dev.graft.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fenced code block of a Markdown page (README.md, docs/*.md), as a test that holds the documentation to
 * graft reads it: its language, the HTML comment just above it that marks it for a test
 * ({@code <!-- kernel-recipe: trixie -->}, {@code <!-- readme-runs: DIR -->}), and its text.
 *
 * @param line the line of the opening fence, from 1
 */
public record MarkdownBlock(Path file, int line, String language, Optional<String> marker, String text) {

    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^<!-- (.+) -->$");

    /** Every fenced block of {@code page}, in order. */
    public static List<MarkdownBlock> of(Path page) {
        List<String> lines;
        try {
            lines = Files.readAllLines(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<MarkdownBlock> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            while (++i < lines.size() && !lines.get(i).equals("```")) {
                text.append(lines.get(i)).append('\n');
            }
            Optional<String> marker = Optional.empty();
            if (start > 0) {
                Matcher comment = MARKER.matcher(lines.get(start - 1).strip());
                marker = comment.matches() ? Optional.of(comment.group(1)) : Optional.empty();
            }
            blocks.add(new MarkdownBlock(page, start + 1, open.group(1), marker, text.toString()));
        }
        return blocks;
    }

    /** The block's lines as a shell (or make) reads them: a line ending in a backslash goes on on the next one. */
    public List<String> logicalLines() {
        return List.of(text.replaceAll("\\\\\n[ \t]*", " ").split("\n"));
    }

    /** Where the block is, for a failure message. */
    public String where() {
        return file.getFileName() + ":" + line;
    }
}
