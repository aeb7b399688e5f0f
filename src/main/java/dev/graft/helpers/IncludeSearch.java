package dev.graft.helpers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where clang looked for headers, read from what {@code clang -v} prints, and the files whose
 * appearance would change which header an {@code #include} finds (ccache's direct mode has the same
 * problem). A header found in one directory could be shadowed by a file of the same relative name in
 * any directory searched before it: another {@code -I} or {@code CPATH} entry, a directory that did
 * not exist yet ({@code clang -v} says it ignored it), or an including file's own directory (quoted
 * includes look there first). graft does not know which spelling found each header or in which order,
 * so it takes every one of those directories: a file that later appears there is a cache miss, even
 * where it would not have shadowed anything. That costs a compile, never correctness. Not covered:
 * {@code __has_include} of a header that did not exist, which leaves no trace in the dependencies.
 */
record IncludeSearch(List<Path> directories) {

    private static final String IGNORED = "ignoring nonexistent directory \"";
    private static final String LIST_START = "search starts here:";
    private static final String LIST_END = "End of search list.";

    IncludeSearch {
        directories = List.copyOf(directories);
    }

    /** The search directories {@code clang -v} printed, including the ones it ignored as nonexistent. */
    static IncludeSearch fromVerboseOutput(String stderr, Path workingDirectory) {
        Set<Path> directories = new LinkedHashSet<>();
        boolean inList = false;
        for (String line : stderr.lines().toList()) {
            if (line.startsWith(IGNORED) && line.endsWith("\"")) {
                directories.add(resolve(workingDirectory, line.substring(IGNORED.length(), line.length() - 1)));
            } else if (line.startsWith("#include") && line.endsWith(LIST_START)) {
                inList = true;
            } else if (line.equals(LIST_END)) {
                inList = false;
            } else if (inList && line.startsWith(" ")) {
                // Darwin marks some entries: " /path (framework directory)".
                String entry = line.strip().replaceFirst(" \\((framework directory|headermap)\\)$", "");
                directories.add(resolve(workingDirectory, entry));
            }
        }
        return new IncludeSearch(new ArrayList<>(directories));
    }

    /** What clang printed after its search list: its diagnostics, without the {@code -v} preamble. */
    static String diagnostics(String stderr) {
        int end = stderr.indexOf(LIST_END + "\n");
        return end < 0 ? stderr : stderr.substring(end + LIST_END.length() + 1);
    }

    /**
     * Files that do not exist now and would shadow one of {@code headers} if they appeared: each header's
     * path relative to every search directory that holds it, resolved against every search directory and
     * every including file's directory. A header found only beside the file that includes it needs none:
     * that directory is searched first.
     */
    List<Path> shadowingCandidates(List<Path> sources, List<Path> headers) {
        Set<Path> places = new LinkedHashSet<>(directories);
        for (Path file : sources) {
            places.add(file.toAbsolutePath().normalize().getParent());
        }
        for (Path header : headers) {
            places.add(header.getParent());
        }
        Set<Path> absent = new LinkedHashSet<>();
        for (Path header : headers) {
            for (Path base : directories) {
                if (!header.startsWith(base) || header.equals(base)) {
                    continue;
                }
                Path relative = base.relativize(header);
                for (Path place : places) {
                    Path candidate = place.resolve(relative).normalize();
                    if (!candidate.equals(header) && !absent.contains(candidate) && !Files.exists(candidate)) {
                        absent.add(candidate);
                    }
                }
            }
        }
        return new ArrayList<>(absent);
    }

    private static Path resolve(Path workingDirectory, String directory) {
        return workingDirectory.resolve(directory).toAbsolutePath().normalize();
    }
}
