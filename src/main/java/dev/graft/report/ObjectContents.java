package dev.graft.report;

import java.util.List;
import java.util.Set;

/**
 * What an object file holds that matters for inlining: the symbols it defines, the symbols it leaves
 * undefined, and, for every function, the symbols its code still refers to (calls, tail calls and
 * address references, with a relocation or resolved within one section).
 */
public record ObjectContents(Set<String> definedSymbols, Set<String> undefinedSymbols,
                             List<CodeReference> references) {

    /** {@code function}'s code refers to {@code target}. */
    public record CodeReference(String function, String target) {
    }

    public ObjectContents {
        definedSymbols = Set.copyOf(definedSymbols);
        undefinedSymbols = Set.copyOf(undefinedSymbols);
        references = List.copyOf(references);
    }
}
