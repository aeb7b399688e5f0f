package dev.graft.ir;

import java.util.List;

/**
 * The patched IR text and what was done: helpers patched, definitions skipped with a reason,
 * non-local global variable definitions (a caller should refuse them: every crate would get its
 * own copy), and warnings for a person (for example function-local statics).
 */
public record PatchResult(String irText, List<String> patched, List<SkippedDefinition> skipped,
                          List<String> externalGlobals, List<String> warnings) {

    public PatchResult {
        patched = List.copyOf(patched);
        skipped = List.copyOf(skipped);
        externalGlobals = List.copyOf(externalGlobals);
        warnings = List.copyOf(warnings);
    }
}
