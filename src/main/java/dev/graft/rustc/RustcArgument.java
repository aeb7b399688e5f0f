package dev.graft.rustc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One rustc option as written (one or two argv words), with its name and value split apart so
 * {@code -Copt-level=2}, {@code -C opt-level=2} and {@code --codegen=opt-level=2} look alike.
 */
record RustcArgument(String name, Optional<String> value, List<String> words) {

    /** rustc options that take a value; the value may be joined ({@code --x=v}, {@code -Lv}) or the next word. */
    private static final Set<String> LONG_WITH_VALUE = Set.of("--cfg", "--check-cfg", "--crate-type", "--crate-name",
            "--edition", "--emit", "--print", "--out-dir", "--explain", "--target", "--cap-lints", "--codegen",
            "--extern", "--sysroot", "--error-format", "--json", "--color", "--remap-path-prefix", "--env-set",
            "--diagnostic-width", "--warn", "--allow", "--deny", "--forbid", "--force-warn", "--crate-attr",
            "--remap-path-scope");
    private static final Set<Character> SHORT_WITH_VALUE = Set.of('o', 'L', 'l', 'C', 'Z', 'A', 'W', 'D', 'F');

    static final String POSITIONAL = "";

    static List<RustcArgument> split(List<String> argv) {
        List<RustcArgument> result = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String word = argv.get(i);
            if (word.startsWith("--") && word.length() > 2) {
                int eq = word.indexOf('=');
                String name = eq < 0 ? word : word.substring(0, eq);
                if (eq >= 0) {
                    result.add(new RustcArgument(name, Optional.of(word.substring(eq + 1)), List.of(word)));
                } else if (LONG_WITH_VALUE.contains(name) && i + 1 < argv.size()) {
                    result.add(new RustcArgument(name, Optional.of(argv.get(i + 1)), List.of(word, argv.get(++i))));
                } else {
                    result.add(new RustcArgument(name, Optional.empty(), List.of(word)));
                }
            } else if (word.startsWith("-") && word.length() > 1 && SHORT_WITH_VALUE.contains(word.charAt(1))) {
                String name = word.substring(0, 2);
                if (word.length() > 2) {
                    String joined = word.substring(2);
                    // rustc's getopts also accepts -o=PATH; strip the '=' only where it cannot be a value.
                    if (name.equals("-o") && joined.startsWith("=")) {
                        joined = joined.substring(1);
                    }
                    result.add(new RustcArgument(name, Optional.of(joined), List.of(word)));
                } else if (i + 1 < argv.size()) {
                    result.add(new RustcArgument(name, Optional.of(argv.get(i + 1)), List.of(word, argv.get(++i))));
                } else {
                    result.add(new RustcArgument(name, Optional.empty(), List.of(word)));
                }
            } else if (word.startsWith("-") && word.length() > 1) {
                result.add(new RustcArgument(word, Optional.empty(), List.of(word)));
            } else {
                result.add(new RustcArgument(POSITIONAL, Optional.of(word), List.of(word)));
            }
        }
        return result;
    }

    boolean is(String... names) {
        for (String n : names) {
            if (name.equals(n)) {
                return true;
            }
        }
        return false;
    }

    /**
     * For {@code -C key=value} style options: the key, if this option has one. rustc reads '_' and '-'
     * in {@code -C} and {@code -Z} keys alike ({@code -Copt_level=3} is {@code -Copt-level=3}); the key
     * comes back spelled with '-'.
     */
    Optional<String> key() {
        Optional<String> key = value.map(v -> v.contains("=") ? v.substring(0, v.indexOf('=')) : v);
        return is("-C", "--codegen", "-Z") ? key.map(k -> k.replace('_', '-')) : key;
    }

    /** For {@code -C key=value} style options: the part after '=' ("" for a bare key, as rustc reads {@code -Cfoo}). */
    String keyValue() {
        String v = value.orElse("");
        return v.contains("=") ? v.substring(v.indexOf('=') + 1) : "";
    }
}
