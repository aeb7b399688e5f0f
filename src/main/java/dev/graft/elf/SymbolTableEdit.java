package dev.graft.elf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The symbol table after the edit, and where each old symbol went. Symbols of removed sections go, and undefined
 * symbols only removed sections referred to, except a removed global function, which stays as an undefined symbol of the same binding and visibility; each removed
 * local function gets a new hidden undefined global after all others, named as its replacement is; each aliased
 * local gets a hidden global defined where it is, last.
 *
 * @param symbols     the new table, locals first
 * @param firstGlobal the new {@code sh_info}: the index of the first non-local symbol
 * @param newIndex    for each old symbol index, its new one, or -1 when it is gone
 * @param references  for each removed function's old symbol index, the new symbol that now names it
 * @param appended    the names appended to the string table, in order
 */
record SymbolTableEdit(List<Symbol> symbols, int firstGlobal, int[] newIndex, Map<Integer, Integer> references,
                       List<String> appended) {

    static SymbolTableEdit of(RelocatableObject elf, List<RemovedFunction> functions, List<AliasedLocal> aliases,
                              BitSet removed, int[] newSection, BitSet orphaned) throws Refused {
        Map<Integer, RemovedFunction> removedFunctions = new HashMap<>();
        for (RemovedFunction function : functions) {
            removedFunctions.put(function.symbol().index(), function);
        }
        int[] newIndex = new int[elf.symbols().size()];
        Arrays.fill(newIndex, -1);
        List<Symbol> symbols = new ArrayList<>(elf.symbols().size() + functions.size());
        int firstGlobal = 0;
        for (Symbol symbol : elf.symbols()) {
            if (orphaned.get(symbol.index())) {
                continue;
            }
            if (symbol.inSection() && removed.get(symbol.sectionIndex())) {
                if (symbol.isLocal()) {
                    continue;
                }
                if (!removedFunctions.containsKey(symbol.index())) {
                    throw new Refused("global symbol " + symbol.name() + " is defined in a removed section");
                }
                symbol = symbol.undefined();
            } else if (symbol.inSection()) {
                symbol = symbol.inSection(newSection[symbol.sectionIndex()]);
            }
            if (symbol.isLocal()) {
                firstGlobal = symbols.size() + 1;
            }
            newIndex[symbol.index()] = symbols.size();
            symbols.add(symbol);
        }
        int stringsSize = Math.toIntExact(elf.sections().get(elf.sections().get(elf.symbolTable()).link()).size());
        Map<Integer, Integer> references = new HashMap<>();
        List<String> appended = new ArrayList<>();
        int nameOffset = stringsSize;
        for (RemovedFunction function : functions) {
            Symbol old = function.symbol();
            if (!old.isLocal()) {
                references.put(old.index(), newIndex[old.index()]);
                continue;
            }
            String name = function.replacement().newName();
            references.put(old.index(), symbols.size());
            symbols.add(Symbol.hiddenReference(name, nameOffset));
            appended.add(name);
            nameOffset += name.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        for (AliasedLocal aliased : aliases) {
            Symbol local = aliased.symbol();
            if (removed.get(local.sectionIndex())) {
                throw new Refused("local " + local.name() + " to alias as " + aliased.alias()
                        + " is in a section the edit removes");
            }
            symbols.add(Symbol.hiddenAlias(aliased.alias(), nameOffset, local, newSection[local.sectionIndex()]));
            appended.add(aliased.alias());
            nameOffset += aliased.alias().getBytes(StandardCharsets.UTF_8).length + 1;
        }
        return new SymbolTableEdit(symbols, firstGlobal, newIndex, references, appended);
    }

    /** The new index of an old symbol that must survive the edit. */
    int renumbered(int oldIndex, String what) throws Refused {
        int index = newIndex[oldIndex];
        if (index < 0) {
            throw new Refused(what + " is a symbol of a removed section");
        }
        return index;
    }

    /** The string table with the new names appended. */
    byte[] strings(byte[] old) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(old.length + 64 * appended.size());
        out.writeBytes(old);
        for (String name : appended) {
            out.writeBytes(name.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }
}
