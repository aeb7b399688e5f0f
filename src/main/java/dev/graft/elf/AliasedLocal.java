package dev.graft.elf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A local symbol to alias, found in the object: the one local of that name, a function or data defined in a section. */
record AliasedLocal(Symbol symbol, String alias) {

    static List<AliasedLocal> find(RelocatableObject elf, List<HiddenAlias> aliases, List<Replacement> replacements)
            throws Refused {
        Map<String, HiddenAlias> byLocal = new HashMap<>();
        Set<String> names = new HashSet<>();
        replacements.forEach(r -> names.add(r.newName()));
        for (HiddenAlias alias : aliases) {
            if (byLocal.put(alias.local(), alias) != null || !names.add(alias.alias())) {
                throw new Refused("local " + alias.local() + " or name " + alias.alias() + " given twice");
            }
        }
        Map<String, Symbol> found = new HashMap<>();
        for (Symbol symbol : elf.symbols()) {
            if (byLocal.containsKey(symbol.name()) && found.put(symbol.name(), symbol) != null) {
                throw new Refused("more than one symbol is named " + symbol.name());
            }
            if (!symbol.isLocal() && names.contains(symbol.name()) && !isReplaced(symbol, replacements)) {
                throw new Refused("alias " + symbol.name() + " is already a global symbol of the object");
            }
        }
        List<AliasedLocal> result = new ArrayList<>();
        for (HiddenAlias alias : aliases) {
            Symbol symbol = found.get(alias.local());
            if (symbol == null || !symbol.isLocal() || !symbol.inSection()
                    || (symbol.type() != Symbol.STT_FUNC && symbol.type() != Symbol.STT_OBJECT)) {
                throw new Refused("no local function or data " + alias.local() + " defined in the object to alias");
            }
            result.add(new AliasedLocal(symbol, alias.alias()));
        }
        return result;
    }

    private static boolean isReplaced(Symbol symbol, List<Replacement> replacements) {
        return replacements.stream().anyMatch(r -> r.symbol().equals(symbol.name()));
    }
}
