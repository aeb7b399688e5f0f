package dev.graft.ir;

import java.util.List;

/**
 * A top-level {@code @name = ...} entity that is not a function: a variable, constant, alias or ifunc.
 *
 * @param kind       {@code global}, {@code constant}, {@code alias} or {@code ifunc}
 * @param definition false for {@code external}/{@code extern_weak} declarations of variables
 * @param valueType  the type written after {@code alias}/{@code ifunc} (tokens joined by single spaces),
 *                   empty for variables
 * @param operands   the globals its line names after the kind: an alias's aliasee, the functions in
 *                   {@code llvm.global_ctors}
 * @param start      offset of its {@code @name} in the text
 * @param end        offset after the last token of its line
 */
public record GlobalVariable(String name, Linkage linkage, String kind, boolean definition, String valueType,
                             List<String> operands, int start, int end) {

    public GlobalVariable {
        operands = List.copyOf(operands);
    }

    public boolean mutable() {
        return kind.equals("global");
    }

    public boolean isAliasOrIfunc() {
        return kind.equals("alias") || kind.equals("ifunc");
    }
}
