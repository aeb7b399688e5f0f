package dev.graft.report;

import java.util.List;
import java.util.Set;

/**
 * What an object file holds that matters for inlining: the symbols it defines and, for every
 * function, the symbols its code still refers to (calls and address references via relocations).
 */
public record ObjectContents(Set<String> definedSymbols, List<CodeReference> references) {

    /** A relocation in {@code function}'s code that refers to {@code target}. */
    public record CodeReference(String function, String target) {
    }

    public ObjectContents {
        definedSymbols = Set.copyOf(definedSymbols);
        references = List.copyOf(references);
    }
}
