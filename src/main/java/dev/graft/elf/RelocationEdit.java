package dev.graft.elf;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The relocations of the sections that stay. In code and data, a reference to a removed function's start (by its
 * symbol or its section's) now names the replacement; any other reference into a removed section refuses the edit.
 * In DWARF such references become the tombstones linkers write for discarded code; in {@code .eh_frame} the FDEs of
 * removed functions go with their relocations. Every symbol index is renumbered.
 */
final class RelocationEdit {

    private final RelocatableObject elf;
    private final ObjectIndex index;
    private final BitSet removed;
    private final SymbolTableEdit symbols;
    private final Map<Integer, RemovedFunction> bySymbol;
    private final EhFrame.Edited ehFrame;

    RelocationEdit(RelocatableObject elf, ObjectIndex index, BitSet removed, SymbolTableEdit symbols,
                   Map<Integer, RemovedFunction> bySymbol) {
        this.elf = elf;
        this.index = index;
        this.removed = removed;
        this.symbols = symbols;
        this.bySymbol = bySymbol;
        this.ehFrame = index.ehFrame().map(frame -> frame.without(record -> {
            Symbol function = elf.symbols().get(frame.relocations().get(frame.records().get(record).pcBegin()).symbol());
            return removed.get(function.sectionIndex());
        })).orElse(null);
    }

    /** The {@code .eh_frame} without the removed functions' FDEs. */
    EhFrame.Edited ehFrame() {
        return ehFrame;
    }

    /** The new relocations of a kept relocation section. */
    List<Relocation> of(Section rela) throws Refused {
        Section applied = elf.target(rela);
        List<Relocation> old = applied.isEhFrame() ? ehFrame.relocations() : index.relocations(rela);
        List<Relocation> result = new ArrayList<>(old.size());
        for (Relocation relocation : old) {
            result.add(applied.isDebug() ? inDebugInfo(applied, relocation) : inCodeOrData(applied, relocation));
        }
        return result;
    }

    private Relocation inDebugInfo(Section applied, Relocation relocation) throws Refused {
        if (!removedTarget(relocation)) {
            return renumbered(applied, relocation);
        }
        // DWARF 4 location and range lists end at a (0, 0) pair: a tombstone of 0 there would cut the list short.
        boolean listOfPairs = applied.name().equals(".debug_ranges") || applied.name().equals(".debug_loc");
        return relocation.withSymbol(0, listOfPairs ? 1 : 0);
    }

    private Relocation inCodeOrData(Section applied, Relocation relocation) throws Refused {
        RemovedFunction function = bySymbol.get(relocation.symbol());
        if (function == null || applied.isEhFrame()) {
            if (removedTarget(relocation)) {
                throw new Refused(applied.name() + " still refers to " + describe(relocation) + ", which is removed");
            }
            return renumbered(applied, relocation);
        }
        Symbol target = elf.symbols().get(relocation.symbol());
        long fromStart = target.type() == Symbol.STT_SECTION
                ? relocation.addend() - function.symbol().value() : relocation.addend();
        OptionalLong start = elf.machine().startAddend(relocation.type(), applied.isCode());
        if (start.isEmpty() || start.getAsLong() != fromStart) {
            throw new Refused(applied.name() + " refers into " + function.replacement().symbol() + " at "
                    + (start.isEmpty() ? "a relocation of type " + relocation.type() : "addend " + relocation.addend())
                    + ", not to its start");
        }
        return relocation.withSymbol(symbols.references().get(function.symbol().index()), fromStart);
    }

    private boolean removedTarget(Relocation relocation) {
        Symbol symbol = elf.symbols().get(relocation.symbol());
        return symbol.inSection() && removed.get(symbol.sectionIndex());
    }

    private Relocation renumbered(Section applied, Relocation relocation) throws Refused {
        return relocation.withSymbol(symbols.renumbered(relocation.symbol(),
                "a relocation in " + applied.name() + " names " + describe(relocation) + ", which"), relocation.addend());
    }

    private String describe(Relocation relocation) {
        Symbol symbol = elf.symbols().get(relocation.symbol());
        return symbol.type() == Symbol.STT_SECTION
                ? "section " + elf.sections().get(symbol.sectionIndex()).name() : "symbol " + symbol.name();
    }
}
