package dev.graft.cargo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code cc -c SOURCE -o OBJECT FLAGS...} command a build script ran: the source, the object it wrote,
 * and every other flag as given (optimisation level, defines, include directories, {@code -march}), which
 * are the helper's flags.
 */
record CcCompilation(Path source, Path object, List<String> flags) {

    /** Options whose value is the next word, so that the value is not taken for a source file. */
    private static final Set<String> TAKES_VALUE = Set.of("-o", "-I", "-D", "-U", "-include", "-imacros", "-isystem",
            "-iquote", "-idirafter", "-isysroot", "-x", "-MF", "-MT", "-MQ", "-Xclang", "-Xpreprocessor",
            "-target", "-arch", "-aux-info");

    /**
     * The compiler wrappers the cc crate puts before the compiler ({@code CC="sccache cc"}, or with
     * {@code RUSTC_WRAPPER=sccache} and no {@code CC}): their next word is the compiler.
     */
    private static final Set<String> WRAPPERS = Set.of("ccache", "distcc", "sccache", "icecc", "cachepot",
            "buildcache", "kache");

    /** The compilation in a command's words (program first), when it compiles exactly one file with -c and -o. */
    static Optional<CcCompilation> of(List<String> words) {
        if (words.size() > 1 && WRAPPERS.contains(Path.of(words.getFirst()).getFileName().toString())) {
            return of(words.subList(1, words.size()));
        }
        if (words.size() < 2 || !words.contains("-c")) {
            return Optional.empty();
        }
        Path object = null;
        List<Path> inputs = new ArrayList<>();
        List<String> flags = new ArrayList<>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("-o") && i + 1 < words.size()) {
                object = Path.of(words.get(++i));
            } else if (word.equals("-c")) {
                continue;
            } else if (TAKES_VALUE.contains(word) && i + 1 < words.size()) {
                flags.add(word);
                flags.add(words.get(++i));
            } else if (word.startsWith("-") || word.isEmpty()) {
                flags.add(word);
            } else {
                inputs.add(Path.of(word));
            }
        }
        if (object == null || inputs.size() != 1) {
            return Optional.empty();
        }
        return Optional.of(new CcCompilation(inputs.getFirst(), object, List.copyOf(flags)));
    }

    /** C, which graft compiles as helpers; C++ and assembly stay in the static library. */
    boolean compilesC() {
        return source.getFileName().toString().endsWith(".c") && !flags.contains("-xc++")
                && !(flags.contains("-x") && !flags.get(flags.indexOf("-x") + 1).equals("c"));
    }
}
