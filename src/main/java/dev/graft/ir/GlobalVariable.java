package dev.graft.ir;

/**
 * A top-level {@code @name = ...} entity that is not a function: a variable, constant, alias or ifunc.
 *
 * @param kind       {@code global}, {@code constant}, {@code alias} or {@code ifunc}
 * @param definition false for {@code external}/{@code extern_weak} declarations of variables
 */
public record GlobalVariable(String name, Linkage linkage, String kind, boolean definition) {

    public boolean mutable() {
        return kind.equals("global");
    }

    public boolean isAliasOrIfunc() {
        return kind.equals("alias") || kind.equals("ifunc");
    }
}
