package dev.graft.rustc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One rustc option as written (one or two argv words), with its name and value split apart so
 * {@code -Copt-level=2}, {@code -C opt-level=2} and {@code --codegen=opt-level=2} look alike. {@code option}
 * is the {@link RustcOption} the name is spelled as; empty for an input file ({@link #INPUT}) and for an
 * option the table does not know, which is read as a switch.
 */
public record RustcArgument(String name, Optional<RustcOption> option, Optional<String> value, List<String> words) {

    /** The name of an argument that is not an option: the crate's source file (or "-" for standard input). */
    public static final String INPUT = "";

    /** Reads argv (response files already expanded) with {@link RustcOption#TABLE}. */
    static List<RustcArgument> split(List<String> argv) {
        List<RustcArgument> result = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String word = argv.get(i);
            Optional<String> next = i + 1 < argv.size() ? Optional.of(argv.get(i + 1)) : Optional.empty();
            List<RustcArgument> read;
            if (word.startsWith("--") && word.length() > 2) {
                read = List.of(readLong(word, next));
            } else if (word.startsWith("-") && word.length() > 1) {
                read = readShort(word, next);
            } else {
                read = List.of(new RustcArgument(INPUT, Optional.empty(), Optional.of(word), List.of(word)));
            }
            i += read.stream().mapToInt(a -> a.words().size()).sum() - 1;
            result.addAll(read);
        }
        return result;
    }

    private static RustcArgument readLong(String word, Optional<String> next) {
        int eq = word.indexOf('=');
        String name = eq < 0 ? word : word.substring(0, eq);
        Optional<RustcOption> option = RustcOption.named(name);
        if (eq >= 0) {
            return new RustcArgument(name, option, Optional.of(word.substring(eq + 1)), List.of(word));
        }
        if (option.isPresent() && option.get().value().taken() && next.isPresent()) {
            return new RustcArgument(name, option, next, List.of(word, next.get()));
        }
        return new RustcArgument(name, option, Optional.empty(), List.of(word));
    }

    /** {@code -Xvalue}, {@code -X value}, a switch, or grouped switches ({@code -vV}: one word, two arguments). */
    private static List<RustcArgument> readShort(String word, Optional<String> next) {
        String name = word.substring(0, 2);
        Optional<RustcOption> option = RustcOption.named(name);
        if (option.isPresent() && option.get().value().taken()) {
            if (word.length() > 2) {
                String joined = word.substring(2);
                // rustc's getopts also accepts -o=PATH; strip the '=' only where it cannot be a value.
                if (name.equals("-o") && joined.startsWith("=")) {
                    joined = joined.substring(1);
                }
                return List.of(new RustcArgument(name, option, Optional.of(joined), List.of(word)));
            }
            return List.of(new RustcArgument(name, option, next, next.map(n -> List.of(word, n))
                    .orElse(List.of(word))));
        }
        List<RustcOption> switches = word.substring(1).chars()
                .mapToObj(letter -> RustcOption.named("-" + (char) letter).filter(o -> !o.value().taken()))
                .flatMap(Optional::stream).toList();
        if (switches.size() != word.length() - 1) {
            return List.of(new RustcArgument(word, RustcOption.named(word), Optional.empty(), List.of(word)));
        }
        // The word goes with the first switch, so that the arguments' words are still argv.
        List<RustcArgument> grouped = new ArrayList<>();
        for (RustcOption each : switches) {
            grouped.add(new RustcArgument(each.spelling(), Optional.of(each), Optional.empty(),
                    grouped.isEmpty() ? List.of(word) : List.of()));
        }
        return grouped;
    }

    /** What the option means to graft ({@link RustcOption.Meaning#RUSTC_ONLY} for one the table does not know). */
    public RustcOption.Meaning meaning() {
        return option.map(RustcOption::meaning).orElse(RustcOption.Meaning.RUSTC_ONLY);
    }

    public boolean means(RustcOption.Meaning wanted) {
        return option.isPresent() && option.get().meaning() == wanted;
    }

    public boolean isInput() {
        return name.equals(INPUT);
    }

    /**
     * For {@code -C key=value} style options: the key, if this option has one. rustc reads '_' and '-'
     * in {@code -C} and {@code -Z} keys alike ({@code -Copt_level=3} is {@code -Copt-level=3}); the key
     * comes back spelled with '-'.
     */
    public Optional<String> key() {
        Optional<String> key = value.map(v -> v.contains("=") ? v.substring(0, v.indexOf('=')) : v);
        return means(RustcOption.Meaning.CODEGEN) || means(RustcOption.Meaning.UNSTABLE)
                ? key.map(k -> k.replace('_', '-')) : key;
    }

    /** For {@code -C key=value} style options: the part after '=' ("" for a bare key, as rustc reads {@code -Cfoo}). */
    public String keyValue() {
        String v = value.orElse("");
        return v.contains("=") ? v.substring(v.indexOf('=') + 1) : "";
    }
}
