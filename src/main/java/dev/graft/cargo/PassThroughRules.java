package dev.graft.cargo;

import dev.graft.rustc.RustcInvocation;
import dev.graft.rustc.RustcOption.Meaning;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * When graft has nothing to do for a rustc command line and runs rustc unchanged. Read from argv
 * alone, before any toolchain lookup or LLVM load, so that cargo's many small invocations (version and
 * {@code --print} queries, build scripts, probes) cost only a process start. The table is the
 * specification: a native client mirrors it rule by rule; the first rule that applies names the reason.
 * Whether helper bitcode is available is the last check, and the only one that looks at files.
 */
public final class PassThroughRules {

    /** One reason to pass a command through. */
    public record Rule(String reason, Predicate<RustcInvocation> applies) {
    }

    /** rustc's LTO switches whose values mean "no LTO" ({@code -C lto=off}). */
    private static final Set<String> LTO_OFF = Set.of("off", "no", "n", "false");

    /** Crate types whose objects graft can swap: archives after rustc, linked outputs through the shim. */
    static final Set<String> ARCHIVE_TYPES = Set.of("lib", "rlib", "staticlib");
    static final Set<String> LINKED_TYPES = Set.of("bin", "cdylib", "dylib");

    /** The rules about what the command asks rustc to write, rather than about the crate. */
    private static final class Outputs {
        static final Rule NO_OBJECT = new Rule("emits neither an object nor a link", i -> !i.emits().contains("obj")
                && !i.emits().contains("link") && !i.emits().isEmpty());
        static final Rule OWN_OBJECT = new Rule("emits an object file of its own (--emit=obj: use 'graft rustc')",
                i -> i.emits().contains("obj"));
        static final Rule BITCODE = new Rule("already emits bitcode or IR", i -> i.emits().contains("llvm-bc"));
        static final Rule OUTPUT_FILE = new Rule("names its output with -o", RustcInvocation::hasOutputFile);
        static final List<Rule> ALL = List.of(NO_OBJECT, OWN_OBJECT, BITCODE, OUTPUT_FILE);
    }

    public static final List<Rule> RULES = List.of(
            new Rule("a version query", i -> i.has(Meaning.VERSION)),
            new Rule("a --print query", i -> i.has(Meaning.PRINT)),
            new Rule("no input file", i -> i.inputs().isEmpty()),
            new Rule("source from standard input (a probe)", i -> i.inputs().contains("-")),
            new Rule("a build script", i -> i.crateName().orElse("").startsWith("build_script_")),
            new Rule("a proc-macro crate", i -> i.effectiveCrateTypes().contains("proc-macro")),
            new Rule("a crate type graft does not handle", i -> !i.effectiveCrateTypes().stream()
                    .allMatch(t -> ARCHIVE_TYPES.contains(t) || LINKED_TYPES.contains(t))),
            Outputs.NO_OBJECT, Outputs.OWN_OBJECT, Outputs.BITCODE, Outputs.OUTPUT_FILE,
            new Rule("opt-level 0 (nothing inlines)", i -> i.optLevel().equals("0")),
            new Rule("LTO (rustc's LTO does the inlining; graft would swap objects it does not use)",
                    i -> i.codegen().containsKey("linker-plugin-lto")
                            || i.codegen().containsKey("lto") && !LTO_OFF.contains(i.codegen().get("lto"))),
            new Rule("-C save-temps (rustc keeps its own intermediate files)",
                    i -> i.codegen().containsKey("save-temps")),
            new Rule("no crate name", i -> i.crateName().isEmpty()));

    /**
     * The rules that hold for the make form ({@code graft rustc --helpers H --}) too: a build that names
     * graft as its {@code RUSTC} also asks it for versions and sysroots, and builds metadata-only crates.
     * A proc-macro crate (Kbuild's {@code rust/libmacros.so}) runs in the compiler, not in the program, so
     * there is nothing to inline into. The form's other refusals (a link, no object) stay one-line errors:
     * the build asked for inlining.
     */
    public static final List<Rule> MAKE_FORM_RULES = List.of(RULES.get(0), RULES.get(1), RULES.get(2), RULES.get(3),
            RULES.get(5),
            new Rule("emits neither an object nor a link", i -> !i.emits().isEmpty() && !i.emits().contains("obj")
                    && !i.emits().contains("link")));

    /**
     * The rules of {@code graft-rustc}, graft as a build's {@code RUSTC}: the make form's, then any command
     * that emits no object (Kbuild's host rlibs for its proc macros, {@code --emit=link}; probes without
     * {@code --emit}; assembly, IR, expanded source): the build chose to run those through its
     * {@code RUSTC}, so they run as rustc would run them.
     */
    public static final List<Rule> MAKE_RUSTC_RULES = java.util.stream.Stream.concat(MAKE_FORM_RULES.stream(),
            java.util.stream.Stream.of(new Rule("emits no object", i -> !i.emits().contains("obj")))).toList();

    private PassThroughRules() {
    }

    /** The reason to pass a {@code graft-rustc} command through, if there is one. */
    public static Optional<String> makeRustcReason(RustcInvocation invocation) {
        return MAKE_RUSTC_RULES.stream().filter(r -> r.applies().test(invocation)).map(Rule::reason).findFirst();
    }

    /** The reason to pass a make-form command ({@code graft rustc ... -- ARGS}) through, if there is one. */
    public static Optional<String> makeFormReason(RustcInvocation invocation) {
        return MAKE_FORM_RULES.stream().filter(r -> r.applies().test(invocation)).map(Rule::reason).findFirst();
    }

    /** The reason to pass the command through, or empty when graft may have work to do. */
    public static Optional<String> reason(RustcInvocation invocation) {
        return RULES.stream().filter(r -> r.applies().test(invocation)).map(Rule::reason).findFirst();
    }

    /**
     * A query for the files a crate graft would graft reads: sccache runs the compiler with
     * {@code --emit dep-info -o FILE} and hashes what that file names, before it looks in its cache.
     */
    static boolean queriesDependencies(RustcInvocation invocation) {
        return invocation.emits().equals(Set.of("dep-info")) && RULES.stream().filter(r -> !Outputs.ALL.contains(r))
                .noneMatch(r -> r.applies().test(invocation));
    }
}
