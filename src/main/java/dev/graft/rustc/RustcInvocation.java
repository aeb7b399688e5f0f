package dev.graft.rustc;

import dev.graft.GraftException;
import dev.graft.link.CodegenOptions;
import dev.graft.rustc.RustcOption.Meaning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One rustc command line, read once with {@link RustcOption#TABLE} and asked by every path: the pass-through
 * rules, {@code graft rustc} ({@link RustcCommandLine}), the cargo wrapper and its linker shim. Reads
 * nothing but argv and response files, so a decision to pass a command through costs no toolchain lookup.
 *
 * @param argv      the words as given (response files not expanded): what rustc is run with
 * @param arguments the words with response files ({@code @file}) expanded, as options and inputs
 */
public record RustcInvocation(List<String> argv, List<RustcArgument> arguments) {

    /** A {@code -L} directory and its kind ({@code native}, {@code dependency}, {@code all}, ...). */
    public record SearchPath(String kind, Path directory) {
    }

    public RustcInvocation {
        argv = List.copyOf(argv);
        arguments = List.copyOf(arguments);
    }

    /** Reads a rustc argv; response files ({@code @path}) are read relative to {@code workingDirectory}. */
    public static RustcInvocation parse(List<String> argv, Path workingDirectory) throws GraftException {
        return new RustcInvocation(argv, RustcArgument.split(expandResponseFiles(argv, workingDirectory)));
    }

    /** Reads words whose response files are already expanded ({@link #words()} of an earlier parse). */
    public static RustcInvocation ofExpanded(List<String> words) {
        return new RustcInvocation(words, RustcArgument.split(words));
    }

    /** rustc's {@code @path} arguments replaced by the file's lines, as rustc reads them. */
    private static List<String> expandResponseFiles(List<String> argv, Path cwd) throws GraftException {
        List<String> expanded = new ArrayList<>();
        for (String word : argv) {
            if (word.startsWith("@") && word.length() > 1) {
                Path file = cwd.resolve(word.substring(1));
                try {
                    expanded.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // Named as the command line names it: the path the user wrote, once.
                    throw GraftException.io("cannot read rustc response file " + word.substring(1), e);
                }
            } else {
                expanded.add(word);
            }
        }
        return expanded;
    }

    /** The words with response files expanded. */
    public List<String> words() {
        return arguments.stream().flatMap(a -> a.words().stream()).toList();
    }

    /** The values of every option that means {@code meaning}, in order. */
    public List<String> values(Meaning meaning) {
        return arguments.stream().filter(a -> a.means(meaning)).flatMap(a -> a.value().stream()).toList();
    }

    private Optional<String> last(Meaning meaning) {
        List<String> values = values(meaning);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.getLast());
    }

    public boolean has(Meaning meaning) {
        return arguments.stream().anyMatch(a -> a.means(meaning));
    }

    public Optional<String> crateName() {
        return last(Meaning.CRATE_NAME);
    }

    public Set<String> crateTypes() {
        Set<String> types = new TreeSet<>();
        values(Meaning.CRATE_TYPE).forEach(v -> types.addAll(List.of(v.split(","))));
        return Set.copyOf(types);
    }

    /** rustc's default crate type is bin. */
    public Set<String> effectiveCrateTypes() {
        Set<String> types = crateTypes();
        return types.isEmpty() ? Set.of("bin") : types;
    }

    public boolean test() {
        return has(Meaning.TEST_HARNESS);
    }

    /** The kinds {@code --emit} names ({@code obj}, {@code link}, ...), paths left off; they add up over options. */
    public Set<String> emits() {
        Set<String> kinds = new TreeSet<>();
        for (String list : values(Meaning.EMIT)) {
            for (String item : list.split(",")) {
                kinds.add(item.contains("=") ? item.substring(0, item.indexOf('=')) : item);
            }
        }
        return Set.copyOf(kinds);
    }

    public Optional<Path> outputFile() {
        return last(Meaning.OUTPUT_FILE).map(Path::of);
    }

    public boolean hasOutputFile() {
        return has(Meaning.OUTPUT_FILE);
    }

    public Optional<Path> outDir() {
        return last(Meaning.OUT_DIR).map(Path::of);
    }

    /** {@code -C key[=value]} options, keys spelled with '-'; a later one overrides an earlier one, as in rustc. */
    public Map<String, String> codegen() {
        Map<String, String> codegen = new LinkedHashMap<>();
        arguments.stream().filter(a -> a.means(Meaning.CODEGEN))
                .forEach(a -> a.key().ifPresent(key -> codegen.put(key, a.keyValue())));
        return Map.copyOf(codegen);
    }

    /** The directories of {@code -L [KIND=]DIR}, with their kind ({@code all} when none). */
    public List<SearchPath> searchPaths() {
        return values(Meaning.LIBRARY_SEARCH).stream().map(v -> v.indexOf('=') < 0
                ? new SearchPath("all", Path.of(v))
                : new SearchPath(v.substring(0, v.indexOf('=')), Path.of(v.substring(v.indexOf('=') + 1)))).toList();
    }

    /** The words that are neither options nor their values: the crate's source ("-" for standard input). */
    public List<String> inputs() {
        return arguments.stream().filter(RustcArgument::isInput).flatMap(a -> a.value().stream()).toList();
    }

    /** The bare {@code --cfg NAME} names, without {@code key="value"} cfgs: what picks a helper variant. */
    public List<String> cfgNames() {
        return values(Meaning.CFG).stream().filter(v -> !v.contains("=")).toList();
    }

    /** The optimisation level rustc will use ({@link CodegenFlags#optLevel}). */
    public String optLevel() {
        return CodegenFlags.optLevel(arguments);
    }

    /**
     * The code generation options graft builds this crate's objects with; a {@code --target path.json} is read
     * relative to {@code workingDirectory}, rustc's ({@link TargetSpec}).
     */
    public CodegenOptions codegenOptions(String hostTriple, Path workingDirectory) throws GraftException {
        return CodegenFlags.read(arguments, hostTriple, workingDirectory);
    }

    /** {@code <crate-name><extra-filename>}: how rustc begins the name of each file it writes for this crate. */
    public String stem() {
        return crateName().orElse("") + codegen().getOrDefault("extra-filename", "");
    }

    public Path outputDirectory(Path workingDirectory) {
        return workingDirectory.resolve(outDir().orElse(Path.of(""))).toAbsolutePath().normalize();
    }
}
