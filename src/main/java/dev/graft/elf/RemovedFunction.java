package dev.graft.elf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A function the edit takes out: the replacement asked for, its symbol in the object and the section that holds it
 * alone, or with its aliases when they are replaced too. Finding one checks everything that makes taking it out
 * exact.
 */
record RemovedFunction(Replacement replacement, Symbol symbol, Section section) {

    static List<RemovedFunction> find(RelocatableObject elf, ObjectIndex index, List<Replacement> replacements)
            throws Refused {
        Map<String, Replacement> wanted = new HashMap<>();
        Map<String, String> newNames = new HashMap<>();
        for (Replacement replacement : replacements) {
            if (wanted.put(replacement.symbol(), replacement) != null
                    || newNames.put(replacement.newName(), replacement.symbol()) != null) {
                throw new Refused("function " + replacement.symbol() + " or name " + replacement.newName()
                        + " given twice");
            }
        }
        Map<String, Symbol> found = new HashMap<>();
        for (Symbol symbol : elf.symbols()) {
            if (wanted.containsKey(symbol.name()) && found.put(symbol.name(), symbol) != null) {
                throw new Refused("more than one symbol is named " + symbol.name());
            }
        }
        List<RemovedFunction> functions = new ArrayList<>();
        Map<Integer, RemovedFunction> bySection = new HashMap<>();
        for (Replacement replacement : replacements) {
            RemovedFunction function = check(elf, index, replacement, found.get(replacement.symbol()));
            functions.add(function);
            bySection.putIfAbsent(function.section().index(), function);
        }
        for (Symbol symbol : elf.symbols()) {
            RemovedFunction owner = symbol.inSection() ? bySection.get(symbol.sectionIndex()) : null;
            if (owner != null && !symbol.name().isEmpty() && symbol.type() != Symbol.STT_SECTION
                    && symbol.index() != owner.symbol().index() && !symbol.isMappingSymbol()) {
                refuseUnlessReplacedAlias(owner, symbol, found);
            }
            String namesAs = newNames.get(symbol.name());
            if (namesAs != null && !symbol.name().equals(namesAs)) {
                throw new Refused("new name " + symbol.name() + " of " + namesAs + " is already a symbol of the object");
            }
        }
        return functions;
    }

    /**
     * A function's section may define other names only when they are its aliases (merged functions, C aliases)
     * and they are replaced with it: the section goes, so every name it defines must be defined elsewhere.
     */
    private static void refuseUnlessReplacedAlias(RemovedFunction owner, Symbol other, Map<String, Symbol> found)
            throws Refused {
        boolean alias = other.type() == Symbol.STT_FUNC && other.value() == owner.symbol().value();
        if (alias && found.get(other.name()) == other) {
            return;
        }
        throw new Refused("section " + owner.section().name() + " of " + owner.replacement().symbol()
                + " also defines " + other.name() + (alias
                ? ", an alias of it: replace its aliases with it" : " (compiled without function sections?)"));
    }

    private static RemovedFunction check(RelocatableObject elf, ObjectIndex index, Replacement replacement,
                                         Symbol symbol) throws Refused {
        String name = replacement.symbol();
        if (symbol == null) {
            throw new Refused("no symbol " + name + " in the object");
        }
        if (!symbol.inSection()) {
            throw new Refused(name + " is not defined in the object");
        }
        if (symbol.type() != Symbol.STT_FUNC) {
            throw new Refused(name + " is not a function");
        }
        if (!symbol.isLocal() && !replacement.newName().equals(name)) {
            throw new Refused("global function " + name + " must keep its name, not become " + replacement.newName());
        }
        Section section = elf.sections().get(symbol.sectionIndex());
        if (section.type() != Section.SHT_PROGBITS || !section.isCode()) {
            throw new Refused(name + " is in " + section.name() + ", not a section of code");
        }
        if (index.inGroup(section.index())) {
            throw new Refused(name + " is in a section group (a comdat): its section is not the object's to remove");
        }
        if (symbol.value() < 0 || symbol.value() + symbol.size() > section.size()) {
            throw new Refused(name + " does not lie within its section " + section.name());
        }
        return new RemovedFunction(replacement, symbol, section);
    }
}
