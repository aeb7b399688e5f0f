package dev.graft.helpers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The C flags helpers are compiled with: the project's own, minus what blocks inlining into Rust
 * and what would fight graft over the output.
 *
 * <ul>
 *   <li>{@code -fno-delete-null-pointer-checks}: makes clang stamp {@code null_pointer_is_valid} on
 *       every function, and LLVM refuses to inline such a function into Rust code, which lacks it.
 *       The kernel removes it for helpers too: the helpers are one-line wrappers that must not
 *       dereference null anyway.</li>
 *   <li>{@code -c -S -E -emit-llvm -o FILE}, {@code -M -MM -MD -MMD -MF -MT -MQ -MP}: graft chooses the
 *       output form and reads dependencies itself. The same options handed to the preprocessor, as Kbuild
 *       writes them ({@code -Wp,-MMD,dir/.file.o.d}), go too: clang would write that file on each compile.</li>
 *   <li>{@code -flto}, {@code -flto=*}: graft produces the bitcode; LTO summaries would only cost time.</li>
 * </ul>
 * Debug info ({@code -g}) is kept by default: users outside the kernel want it. {@code --strip-debug}
 * adds {@code -g0}, as the kernel does (BTF/pahole cannot digest mixed C and Rust DWARF).
 */
public final class HelperFlags {

    public static final Set<String> INLINING_BLOCKERS = Set.of("-fno-delete-null-pointer-checks");
    private static final Set<String> OUTPUT_FLAGS = Set.of("-c", "-S", "-E", "-emit-llvm", "-M", "-MM", "-MD",
            "-MMD", "-MP", "-flto");
    private static final Set<String> OUTPUT_FLAGS_WITH_VALUE = Set.of("-o", "-MF", "-MT", "-MQ");

    /** The flags to compile with, and the ones dropped (reported so nobody wonders where they went). */
    public record Filtered(List<String> kept, List<String> removed) {
    }

    private HelperFlags() {
    }

    /**
     * Reads a flags file the way a shell splits words: white space separates them, {@code 'a b'} and
     * {@code "a b"} are one word (a backslash escapes the next character outside single quotes), and
     * {@code #} at the start of a word comments out the rest of the line.
     *
     * @throws IOException also when a quote is not closed
     */
    public static List<String> readFile(Path file) throws IOException {
        return splitWords(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Splits {@code text} into words as {@link #readFile} does (a {@code --variant}'s flags).
     *
     * @throws IOException when a quote is not closed
     */
    public static List<String> splitWords(String text) throws IOException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                if (next != '\n') {
                    word.append(next);
                    inWord = true;
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '#' && !inWord) {
                while (i + 1 < text.length() && text.charAt(i + 1) != '\n') {
                    i++;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IOException("a " + quote + " quote is not closed");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** {@code -Wp,-MD,FILE} and the like: make-style dependency output requested through the preprocessor. */
    private static boolean preprocessorDependencyFlag(String flag) {
        return flag.startsWith("-Wp,") && List.of(flag.substring(4).split(",")).stream()
                .anyMatch(option -> OUTPUT_FLAGS.contains(option) && option.startsWith("-M")
                        || OUTPUT_FLAGS_WITH_VALUE.contains(option) && option.startsWith("-M"));
    }

    public static Filtered filter(List<String> flags, String defaultTriple, boolean stripDebug) {
        List<String> kept = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        boolean hasTarget = false;
        for (int i = 0; i < flags.size(); i++) {
            String flag = flags.get(i);
            if (INLINING_BLOCKERS.contains(flag) || OUTPUT_FLAGS.contains(flag) || flag.startsWith("-flto=")) {
                removed.add(flag);
            } else if (OUTPUT_FLAGS_WITH_VALUE.contains(flag)) {
                removed.add(flag);
                if (i + 1 < flags.size()) {
                    removed.add(flags.get(++i));
                }
            } else if (OUTPUT_FLAGS_WITH_VALUE.stream().anyMatch(flag::startsWith)
                    || preprocessorDependencyFlag(flag)) {
                removed.add(flag);
            } else {
                hasTarget |= flag.startsWith("--target=") || flag.equals("-target") || flag.equals("--target");
                kept.add(flag);
            }
        }
        if (!hasTarget) {
            // The crate's triple, so llvm-link does not warn about (and LLVM does not refuse) a mismatch.
            kept.addFirst("--target=" + defaultTriple);
        }
        if (stripDebug) {
            kept.add("-g0");
        }
        return new Filtered(kept, removed);
    }

    /**
     * A warning when the flags leave clang at -O0 (its default): clang then marks every function noinline and
     * optnone, and LLVM's inliner reports only "noinline function attribute" for each helper call it keeps.
     */
    public static Optional<String> unoptimised(List<String> flags) {
        String level = "-O0";
        for (String flag : flags) {
            if (flag.startsWith("-O")) {
                level = flag;
            }
        }
        if (!level.equals("-O0")) {
            return Optional.empty();
        }
        return Optional.of("the helpers are compiled at -O0 (" + (flags.contains("-O0") ? "-O0 given" : "no -O flag")
                + "), where clang makes every function noinline and optnone, so none can be inlined: add -O2 to "
                + "their flags");
    }
}
