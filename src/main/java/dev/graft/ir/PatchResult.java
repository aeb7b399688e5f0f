package dev.graft.ir;

import java.util.List;

/**
 * The patched IR text and what was done: helpers patched, definitions skipped with a reason, and what
 * a caller should refuse because graft's copy of a helper in every crate would change what the C
 * means:
 *
 * @param externalGlobals non-local global variable definitions: every crate would get its own copy
 * @param staticVariables mutable internal globals (a function-local or file-scope C {@code static}):
 *                        every crate that links a helper using one would get its own copy
 * @param constructors    functions in {@code llvm.global_ctors}/{@code llvm.global_dtors}
 *                        ({@code __attribute__((constructor))}, or added by a sanitizer): they would run
 *                        once per crate
 * @param aliases         external aliases and ifuncs, each described: not functions, so not helpers
 * @param warnings        notes for a person
 */
public record PatchResult(String irText, List<String> patched, List<SkippedDefinition> skipped,
                          List<String> externalGlobals, List<String> staticVariables, List<String> constructors,
                          List<String> aliases, List<String> warnings) {

    public PatchResult {
        patched = List.copyOf(patched);
        skipped = List.copyOf(skipped);
        externalGlobals = List.copyOf(externalGlobals);
        staticVariables = List.copyOf(staticVariables);
        constructors = List.copyOf(constructors);
        aliases = List.copyOf(aliases);
        warnings = List.copyOf(warnings);
    }
}
