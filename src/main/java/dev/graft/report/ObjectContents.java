package dev.graft.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * What an object file holds that matters for inlining: the symbols it defines, the symbols it leaves
 * undefined, and, for every function, the symbols its code still refers to (calls, tail calls and
 * address references, with a relocation or resolved within one section).
 */
public record ObjectContents(Set<String> definedSymbols, Set<String> undefinedSymbols,
                             List<CodeReference> references) {

    /** {@code function}'s code refers to {@code target}, by calling or jumping to it or by taking its address. */
    public record CodeReference(String function, String target, Use use) {
    }

    /**
     * How code refers to a function. Only a call or jump could have been inlined: code that takes a helper's
     * address (Linux's {@code Region::drop} picks {@code release_mem_region} or {@code release_region} and
     * calls the one it picked) needs the helper's out-of-line copy whatever the inliner does, as with the
     * tree's own {@code CONFIG_RUST_INLINE_HELPERS}.
     */
    public enum Use {
        /**
         * A call, or a jump to the function's start (a tail call), direct or through the GOT; also a GOT entry
         * loaded into a register, which PIC code may call through any number of times.
         */
        CALL,
        /** Its address computed, never through the GOT ({@code adrp}/{@code add}, {@code lea}, {@code mov $f}). */
        ADDRESS
    }

    public ObjectContents {
        definedSymbols = Set.copyOf(definedSymbols);
        undefinedSymbols = Set.copyOf(undefinedSymbols);
        references = List.copyOf(references);
    }

    /**
     * The contents of two objects linked together (rustc's object of a unit with graft's patch beside it): a
     * symbol one defines is not undefined, and each object's names pass through {@code names} first (the patch's
     * hidden names for local functions become their names in rustc's object again).
     */
    public static ObjectContents joined(ObjectContents first, ObjectContents second, UnaryOperator<String> names) {
        Set<String> defined = new TreeSet<>();
        Stream.of(first, second).forEach(o -> o.definedSymbols.forEach(s -> defined.add(names.apply(s))));
        Set<String> undefined = new TreeSet<>();
        Stream.of(first, second).forEach(o -> o.undefinedSymbols.forEach(s -> undefined.add(names.apply(s))));
        undefined.removeAll(defined);
        List<CodeReference> references = new ArrayList<>();
        Stream.of(first, second).forEach(o -> o.references.forEach(r -> references.add(
                new CodeReference(names.apply(r.function()), names.apply(r.target()), r.use()))));
        return new ObjectContents(defined, undefined, references);
    }
}
