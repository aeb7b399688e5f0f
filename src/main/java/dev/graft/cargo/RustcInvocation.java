package dev.graft.cargo;

import dev.graft.GraftException;
import dev.graft.rustc.RustcCommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the wrapper needs to know of a rustc command line, read without running anything: crate name
 * and types, emitted kinds, output directory, codegen options ({@code -C}), library search
 * directories, inputs. Deliberately shallow, so that a native client can read argv the same way.
 *
 * @param argv        the words as given (response files not expanded): what rustc is run with
 * @param words       the words with response files ({@code @file}) expanded
 * @param codegen     {@code -C key[=value]} options in order; a later one overrides an earlier one, as in rustc
 * @param searchPaths the directories of {@code -L [KIND=]DIR}, with their kind ({@code all} when none)
 */
public record RustcInvocation(List<String> argv, List<String> words, Optional<String> crateName,
                              Set<String> crateTypes, boolean test, Set<String> emits, boolean hasOutputFile,
                              Optional<Path> outDir, Map<String, String> codegen, List<SearchPath> searchPaths,
                              List<String> inputs, Set<String> flags) {

    /** A {@code -L} directory and its kind ({@code native}, {@code dependency}, {@code all}, ...). */
    public record SearchPath(String kind, Path directory) {
    }

    /** rustc options whose value may be the next word: everything else that is not a flag is an input. */
    private static final Set<String> TAKES_VALUE = Set.of("--cfg", "--check-cfg", "-L", "-l", "--crate-type",
            "--crate-name", "--edition", "--emit", "--print", "-o", "--out-dir", "--explain", "--target", "-A",
            "-W", "--force-warn", "-D", "-F", "--cap-lints", "-C", "--codegen", "-Z", "--extern", "--sysroot",
            "--error-format", "--json", "--color", "--diagnostic-width", "--remap-path-prefix", "--env-set",
            "--crate-attr");

    public static RustcInvocation parse(List<String> argv, Path workingDirectory) throws GraftException {
        List<String> words = RustcCommandLine.expandResponseFiles(argv, workingDirectory);
        Optional<String> crateName = Optional.empty();
        Set<String> crateTypes = new java.util.TreeSet<>();
        Set<String> emits = new java.util.TreeSet<>();
        Set<String> flags = new java.util.TreeSet<>();
        Map<String, String> codegen = new LinkedHashMap<>();
        List<SearchPath> searchPaths = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        Optional<Path> outDir = Optional.empty();
        boolean output = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            Optional<Option> parsed = Option.read(word, i + 1 < words.size() ? words.get(i + 1) : null);
            if (parsed.isEmpty()) {
                if (word.startsWith("-") && !word.equals("-")) {
                    flags.add(word);
                } else {
                    inputs.add(word);
                }
                continue;
            }
            Option option = parsed.get();
            i += option.wordsUsed() - 1;
            String value = option.value();
            switch (option.name()) {
                case "--crate-name" -> crateName = Optional.of(value);
                case "--crate-type" -> crateTypes.addAll(List.of(value.split(",")));
                case "--emit" -> {
                    for (String item : value.split(",")) {
                        emits.add(item.contains("=") ? item.substring(0, item.indexOf('=')) : item);
                    }
                }
                case "--print" -> flags.add("--print");
                case "-o" -> output = true;
                case "--out-dir" -> outDir = Optional.of(Path.of(value));
                case "-C", "--codegen" -> {
                    int eq = value.indexOf('=');
                    codegen.put((eq < 0 ? value : value.substring(0, eq)).replace('_', '-'),
                            eq < 0 ? "" : value.substring(eq + 1));
                }
                case "-L" -> {
                    int eq = value.indexOf('=');
                    searchPaths.add(eq < 0 ? new SearchPath("all", Path.of(value))
                            : new SearchPath(value.substring(0, eq), Path.of(value.substring(eq + 1))));
                }
                default -> {
                }
            }
        }
        boolean test = flags.contains("--test");
        return new RustcInvocation(List.copyOf(argv), List.copyOf(words), crateName, Set.copyOf(crateTypes), test,
                Set.copyOf(emits), output, outDir, Map.copyOf(codegen), List.copyOf(searchPaths),
                List.copyOf(inputs), Set.copyOf(flags));
    }

    /** An option with a value, spelled {@code --name value}, {@code --name=value} or {@code -Xvalue}. */
    private record Option(String name, String value, int wordsUsed) {

        static Optional<Option> read(String word, String next) {
            for (String name : TAKES_VALUE) {
                if (word.equals(name)) {
                    return next == null ? Optional.empty() : Optional.of(new Option(name, next, 2));
                }
                if (name.startsWith("--") && word.startsWith(name + "=")) {
                    return Optional.of(new Option(name, word.substring(name.length() + 1), 1));
                }
                if (!name.startsWith("--") && word.startsWith(name) && word.length() > name.length()) {
                    return Optional.of(new Option(name, word.substring(name.length()), 1));
                }
            }
            return Optional.empty();
        }
    }

    /** rustc's default crate type is bin. */
    public Set<String> effectiveCrateTypes() {
        return crateTypes.isEmpty() ? Set.of("bin") : crateTypes;
    }

    /** The optimisation level rustc will use: {@code -C opt-level}, else 2 with {@code -O}, else 0. */
    public String optLevel() {
        return Optional.ofNullable(codegen.get("opt-level")).orElse(flags.contains("-O") ? "2" : "0");
    }

    /** {@code <crate-name><extra-filename>}: how rustc begins the name of each file it writes for this crate. */
    public String stem() {
        return crateName.orElse("") + codegen.getOrDefault("extra-filename", "");
    }

    public Path outputDirectory(Path workingDirectory) {
        return workingDirectory.resolve(outDir.orElse(Path.of(""))).toAbsolutePath().normalize();
    }
}
