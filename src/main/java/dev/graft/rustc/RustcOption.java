package dev.graft.rustc;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One option of rustc's command line: how it is spelled, whether and how it takes a value, and what it
 * means to graft. {@link #TABLE} is the one place rustc's options are declared (sccache's {@code ARGS}
 * in {@code src/compiler/rust.rs} is the model); {@link RustcArgument#split} reads every command line
 * with it, so {@code graft rustc}, the cargo wrapper, the linker shim and {@code graft link} cannot
 * disagree on where a value ends and an input begins. A new rustc option goes into the table, and
 * {@code RustcOptionTableTest} fails until it does.
 */
public record RustcOption(String spelling, Value value, Meaning meaning) {

    /** Whether the option takes a value, and how rustc's getopts lets it be written. */
    public enum Value {
        /** A switch: {@code --test}, {@code -O}; short switches may be grouped ({@code -vV}). */
        NONE,
        /** {@code --name=VALUE} or {@code --name VALUE}. */
        EQUALS_OR_NEXT_WORD,
        /** {@code -XVALUE} or {@code -X VALUE}. */
        JOINED_OR_NEXT_WORD;

        public boolean taken() {
            return this != NONE;
        }
    }

    /** What an option means to graft; everything graft does not act on is {@link #RUSTC_ONLY}. */
    public enum Meaning {
        CRATE_NAME, CRATE_TYPE,
        /** {@code --emit KIND[=PATH],...}: which outputs rustc writes, and where. */
        EMIT,
        /** {@code -o PATH}. */
        OUTPUT_FILE,
        OUT_DIR,
        /** {@code -C KEY[=VALUE]}: code generation, read by {@link CodegenFlags}. */
        CODEGEN,
        /** {@code -Z KEY[=VALUE]}: unstable options, of which {@link CodegenFlags} reads a few. */
        UNSTABLE,
        /** {@code -O}: an optimisation level ({@link CodegenFlags#DASH_O_OPT_LEVEL}). */
        OPTIMIZE,
        /** {@code --target}: a built-in target's name (or, for rustc, a target-spec file). */
        TARGET,
        /** {@code --cfg}: a bare name picks a helper variant. */
        CFG,
        /** {@code -L [KIND=]DIR}: where helper bitcode is found under cargo. */
        LIBRARY_SEARCH,
        /** {@code --test}: rustc links a test harness. */
        TEST_HARNESS,
        /** {@code -V}: rustc answers without compiling. */
        VERSION,
        /** {@code --print}: rustc answers without compiling (unless more is asked). */
        PRINT,
        /** rustc's business alone (lints, diagnostics, editions, linking, ...): passed on as written. */
        RUSTC_ONLY
    }

    public RustcOption {
        boolean isLong = spelling.startsWith("--");
        if (isLong ? value == Value.JOINED_OR_NEXT_WORD : value == Value.EQUALS_OR_NEXT_WORD) {
            throw new IllegalArgumentException(spelling + ": getopts writes a value to a "
                    + (isLong ? "long" : "short") + " option otherwise");
        }
    }

    private static RustcOption flag(String spelling, Meaning meaning) {
        return new RustcOption(spelling, Value.NONE, meaning);
    }

    private static RustcOption takes(String spelling, Meaning meaning) {
        return new RustcOption(spelling, spelling.startsWith("--") ? Value.EQUALS_OR_NEXT_WORD
                : Value.JOINED_OR_NEXT_WORD, meaning);
    }

    /**
     * rustc 1.95's options: every one {@code rustc --help -v} lists, and the unstable ones it does not
     * ({@code -Z}, {@code --env-set}, {@code --crate-attr}, {@code --unpretty}).
     */
    public static final List<RustcOption> TABLE = List.of(
            flag("-h", Meaning.RUSTC_ONLY),
            flag("--help", Meaning.RUSTC_ONLY),
            takes("--cfg", Meaning.CFG),
            takes("--check-cfg", Meaning.RUSTC_ONLY),
            takes("-L", Meaning.LIBRARY_SEARCH),
            takes("-l", Meaning.RUSTC_ONLY),
            takes("--crate-type", Meaning.CRATE_TYPE),
            takes("--crate-name", Meaning.CRATE_NAME),
            takes("--edition", Meaning.RUSTC_ONLY),
            takes("--emit", Meaning.EMIT),
            takes("--print", Meaning.PRINT),
            flag("-g", Meaning.RUSTC_ONLY),
            flag("-O", Meaning.OPTIMIZE),
            takes("-o", Meaning.OUTPUT_FILE),
            takes("--out-dir", Meaning.OUT_DIR),
            takes("--explain", Meaning.RUSTC_ONLY),
            flag("--test", Meaning.TEST_HARNESS),
            takes("--target", Meaning.TARGET),
            takes("-A", Meaning.RUSTC_ONLY),
            takes("--allow", Meaning.RUSTC_ONLY),
            takes("-W", Meaning.RUSTC_ONLY),
            takes("--warn", Meaning.RUSTC_ONLY),
            takes("--force-warn", Meaning.RUSTC_ONLY),
            takes("-D", Meaning.RUSTC_ONLY),
            takes("--deny", Meaning.RUSTC_ONLY),
            takes("-F", Meaning.RUSTC_ONLY),
            takes("--forbid", Meaning.RUSTC_ONLY),
            takes("--cap-lints", Meaning.RUSTC_ONLY),
            takes("-C", Meaning.CODEGEN),
            takes("--codegen", Meaning.CODEGEN),
            flag("-V", Meaning.VERSION),
            flag("--version", Meaning.VERSION),
            flag("-v", Meaning.RUSTC_ONLY),
            flag("--verbose", Meaning.RUSTC_ONLY),
            takes("--extern", Meaning.RUSTC_ONLY),
            takes("--sysroot", Meaning.RUSTC_ONLY),
            takes("--error-format", Meaning.RUSTC_ONLY),
            takes("--json", Meaning.RUSTC_ONLY),
            takes("--color", Meaning.RUSTC_ONLY),
            takes("--diagnostic-width", Meaning.RUSTC_ONLY),
            takes("--remap-path-prefix", Meaning.RUSTC_ONLY),
            takes("--remap-path-scope", Meaning.RUSTC_ONLY),
            takes("-Z", Meaning.UNSTABLE),
            takes("--env-set", Meaning.RUSTC_ONLY),
            takes("--crate-attr", Meaning.RUSTC_ONLY),
            takes("--unpretty", Meaning.RUSTC_ONLY));

    private static final Map<String, RustcOption> BY_SPELLING = TABLE.stream()
            .collect(Collectors.toUnmodifiableMap(RustcOption::spelling, Function.identity()));

    public static Optional<RustcOption> named(String spelling) {
        return Optional.ofNullable(BY_SPELLING.get(spelling));
    }
}
