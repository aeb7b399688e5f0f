package dev.graft.ir;

import java.util.List;
import java.util.Optional;

/**
 * A top-level {@code @name = ...} entity that is not a function: a variable, constant, alias or ifunc.
 *
 * @param kind       {@code global}, {@code constant}, {@code alias} or {@code ifunc}
 * @param definition false for {@code external}/{@code extern_weak} declarations of variables
 * @param valueType  the type written after {@code alias}/{@code ifunc} (tokens joined by single spaces),
 *                   empty for variables
 * @param operands   the globals its line names after the kind: an alias's aliasee, the functions in
 *                   {@code llvm.global_ctors}
 * @param section    its {@code section "..."}, if it names one
 * @param qualifiers the tokens between {@code =} and its kind: linkage, visibility, {@code unnamed_addr}, ...
 * @param start      offset of its {@code @name} in the text
 * @param end        offset after the last token of its line
 */
public record GlobalVariable(String name, Linkage linkage, String kind, boolean definition, String valueType,
                             List<String> operands, Optional<String> section, List<Token> qualifiers, int start,
                             int end) {

    public GlobalVariable {
        operands = List.copyOf(operands);
        qualifiers = List.copyOf(qualifiers);
    }

    /**
     * Whether its address means something: without {@code unnamed_addr} or {@code local_unnamed_addr}, two
     * copies of it are two objects a program can tell apart (clang leaves both off a {@code static const}
     * table whose address a function returns).
     */
    public boolean addressSignificant() {
        return qualifiers.stream().noneMatch(t -> t.isWord("unnamed_addr") || t.isWord("local_unnamed_addr"));
    }

    public boolean mutable() {
        return kind.equals("global");
    }

    /**
     * In a section whose name starts with {@code .discard}: linker scripts (the kernel's, among others) drop
     * such sections, so the data only exists for tools reading the object, never in the linked image.
     */
    public boolean discardedByLinker() {
        return section.filter(s -> s.equals(".discard") || s.startsWith(".discard.")).isPresent();
    }

    public boolean isAliasOrIfunc() {
        return kind.equals("alias") || kind.equals("ifunc");
    }
}
