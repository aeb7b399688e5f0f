package dev.graft.helpers;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the prerequisites out of a make-style dependency file as clang's {@code -MD} writes it. */
final class MakeDependencies {

    private MakeDependencies() {
    }

    static List<Path> prerequisites(String depFile, Path workingDirectory) {
        String joined = depFile.replace("\\\r\n", " ").replace("\\\n", " ");
        List<Path> result = new ArrayList<>();
        for (String rule : joined.split("\n")) {
            int colon = targetColon(rule);
            if (colon < 0) {
                continue;
            }
            StringBuilder word = new StringBuilder();
            String rest = rule.substring(colon + 1);
            for (int i = 0; i < rest.length(); i++) {
                char c = rest.charAt(i);
                if (c == '\\' && i + 1 < rest.length() && rest.charAt(i + 1) == ' ') {
                    word.append(' ');
                    i++;
                } else if (Character.isWhitespace(c)) {
                    add(word, result, workingDirectory);
                } else {
                    word.append(c);
                }
            }
            add(word, result, workingDirectory);
        }
        return result;
    }

    /** The colon ending the target: the first one followed by white space or the end of the line. */
    private static int targetColon(String rule) {
        for (int i = 0; i < rule.length(); i++) {
            if (rule.charAt(i) == ':' && (i + 1 == rule.length() || Character.isWhitespace(rule.charAt(i + 1)))) {
                return i;
            }
        }
        return -1;
    }

    private static void add(StringBuilder word, List<Path> result, Path workingDirectory) {
        if (!word.isEmpty()) {
            Path path = workingDirectory.resolve(word.toString()).toAbsolutePath().normalize();
            if (!result.contains(path)) {
                result.add(path);
            }
            word.setLength(0);
        }
    }
}
