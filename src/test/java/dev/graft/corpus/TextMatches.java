package dev.graft.corpus;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the corpus tests look for in disassembly and IR: every distinct first group a pattern finds. */
final class TextMatches {

    private TextMatches() {
    }

    static Set<String> firstGroups(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
