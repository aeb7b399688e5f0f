package dev.graft.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes functions out of a relocatable object so that their new definitions in another object of the same link
 * take their place: each function's section goes (with what only it used: jump tables, exception tables, its FDE,
 * its DWARF addresses become tombstones), and every reference to it is redirected to the replacement's symbol.
 * A global function stays in the symbol table as undefined; a local one is named by a new hidden undefined global.
 *
 * <p>The edit is exact or {@link Refused}: whatever the editor cannot prove right (a function sharing its section,
 * a comdat, a reference into a function's middle, a relocation type it does not know) refuses the whole edit.
 * One pass over the object, linear in its size.
 */
public final class FunctionRemoval {

    private final RelocatableObject elf;
    private final ObjectIndex index;
    private final List<RemovedFunction> functions;
    private final List<AliasedLocal> aliases;
    /** For each symbol index: the removed function it is, or whose section it is the section symbol of. */
    private final Map<Integer, RemovedFunction> bySymbol = new HashMap<>();

    private FunctionRemoval(RelocatableObject elf, ObjectIndex index, List<RemovedFunction> functions,
                            List<AliasedLocal> aliases) {
        this.elf = elf;
        this.index = index;
        this.functions = functions;
        this.aliases = aliases;
        Map<Integer, RemovedFunction> bySection = new HashMap<>();
        for (RemovedFunction function : functions) {
            bySymbol.put(function.symbol().index(), function);
            // A section of aliases: references to the section itself go to the first of them asked for.
            bySection.putIfAbsent(function.section().index(), function);
        }
        for (Symbol symbol : elf.symbols()) {
            RemovedFunction function = bySection.get(symbol.sectionIndex());
            if (symbol.type() == Symbol.STT_SECTION && function != null) {
                bySymbol.put(symbol.index(), function);
            }
        }
    }

    /**
     * The object without the {@code replacements}' functions, every reference to them redirected to their new names.
     *
     * @throws Refused when any precondition fails; the input is never modified
     */
    public static byte[] apply(byte[] object, List<Replacement> replacements) throws Refused {
        return apply(object, replacements, List.of());
    }

    /**
     * The same edit, and the {@code aliases}' local symbols made reachable from the replacements' object under
     * hidden global names.
     *
     * @throws Refused also when an aliased local is missing, ambiguous, removed, or its alias name is taken
     */
    public static byte[] apply(byte[] object, List<Replacement> replacements, List<HiddenAlias> aliases)
            throws Refused {
        RelocatableObject elf = RelocatableObject.read(object);
        try {
            ObjectIndex index = ObjectIndex.of(elf);
            List<RemovedFunction> functions = RemovedFunction.find(elf, index, replacements);
            return new FunctionRemoval(elf, index, functions, AliasedLocal.find(elf, aliases, replacements)).edit();
        } catch (IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException e) {
            // Offsets and sizes that point outside the file or their section: a malformed object, never a crash.
            throw new Refused("malformed ELF object (" + e.getMessage() + ")");
        }
    }

    private byte[] edit() throws Refused {
        BitSet initial = new BitSet();
        for (RemovedFunction function : functions) {
            initial.set(function.section().index());
        }
        for (Section section : elf.sections()) {
            // Hints for the linker that hold symbol indices without relocations: safe to lose, costly to remap.
            if (section.type() == Section.SHT_LLVM_ADDRSIG || section.type() == Section.SHT_LLVM_CALL_GRAPH_PROFILE) {
                initial.set(section.index());
            }
        }
        // What the replacements reach through an alias stays, even when only removed functions referred to it here.
        BitSet pinned = new BitSet();
        aliases.forEach(a -> pinned.set(a.symbol().sectionIndex()));
        BitSet removed = RemovedSections.decide(elf, index, initial, pinned);
        int[] newSection = new int[elf.sections().size()];
        int kept = 0;
        for (Section section : elf.sections()) {
            newSection[section.index()] = removed.get(section.index()) ? -1 : kept++;
        }
        SymbolTableEdit symbols = SymbolTableEdit.of(elf, functions, aliases, removed, newSection, orphaned(removed));
        RelocationEdit relocations = new RelocationEdit(elf, index, removed, symbols, bySymbol);
        List<OutputSection> output = new ArrayList<>(kept);
        for (Section section : elf.sections()) {
            if (!removed.get(section.index())) {
                output.add(place(section, newSection, symbols, relocations));
            }
        }
        return ObjectWriter.write(elf.bytes(), output, newSection[elf.sectionNameTable()]);
    }

    /**
     * The undefined symbols only removed sections referred to (the helpers the removed functions called): gone
     * with them, as from an object compiled without those functions, so nothing reading the object takes them
     * for references it still makes.
     */
    private BitSet orphaned(BitSet removed) {
        BitSet usedByKept = new BitSet();
        BitSet usedByRemoved = new BitSet();
        for (Section rela : index.relocationSections()) {
            BitSet uses = removed.get(rela.index()) ? usedByRemoved : usedByKept;
            for (Relocation relocation : index.relocations(rela)) {
                uses.set(relocation.symbol());
            }
        }
        BitSet orphaned = new BitSet();
        for (int s = usedByRemoved.nextSetBit(0); s >= 0; s = usedByRemoved.nextSetBit(s + 1)) {
            Symbol symbol = elf.symbols().get(s);
            if (!usedByKept.get(s) && !symbol.isLocal() && symbol.sectionIndex() == Symbol.SHN_UNDEF) {
                orphaned.set(s);
            }
        }
        return orphaned;
    }

    private OutputSection place(Section section, int[] newSection, SymbolTableEdit symbols,
                                RelocationEdit relocations) throws Refused {
        int at = newSection[section.index()];
        if (section.index() == 0) {
            return OutputSection.unchanged(section, section, elf.bytes());
        }
        return switch (section.type()) {
            case Section.SHT_SYMTAB -> replaced(section.relocated(at, 0, 0, newSection[section.link()],
                    symbols.firstGlobal()), ObjectWriter.symbols(symbols.symbols()));
            case Section.SHT_RELA -> replaced(section.relocated(at, 0, 0, newSection[section.link()],
                    newSection[section.info()]), ObjectWriter.relocations(relocations.of(section)));
            case Section.SHT_GROUP -> replaced(section.relocated(at, 0, 0, newSection[section.link()],
                    symbols.renumbered(section.info(), "the signature of group " + section.name())),
                    group(section, newSection));
            default -> {
                int link = section.link();
                if (section.has(Section.SHF_LINK_ORDER)) {
                    link = newSection[link];
                } else if (link != 0) {
                    throw new Refused("section " + section.name() + " links to a section for a reason the editor does not know");
                }
                int info = section.info();
                if (section.has(Section.SHF_INFO_LINK)) {
                    info = newSection[info];
                } else if (info != 0) {
                    throw new Refused("section " + section.name() + " has an sh_info the editor does not know");
                }
                if (link < 0 || info < 0) {
                    throw new Refused("section " + section.name() + " is tied to a removed section");
                }
                Section header = section.relocated(at, section.offset(), section.size(), link, info);
                if (section.index() == elf.sections().get(elf.symbolTable()).link()) {
                    yield replaced(header, symbols.strings(elf.contents(section)));
                }
                if (section.isEhFrame()) {
                    yield replaced(header, relocations.ehFrame().data());
                }
                yield OutputSection.unchanged(header, section, elf.bytes());
            }
        };
    }

    private static OutputSection replaced(Section header, byte[] contents) {
        return OutputSection.replaced(header.relocated(header.index(), 0, contents.length, header.link(),
                header.info()), contents);
    }

    private byte[] group(Section group, int[] newSection) throws Refused {
        int[] members = index.groupMembers(group);
        ByteBuffer words = ByteBuffer.wrap(elf.contents(group)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < members.length; i++) {
            if (newSection[members[i]] < 0) {
                throw new Refused("section " + elf.sections().get(members[i]).name() + " of group " + group.name()
                        + " would be removed");
            }
            words.putInt(4 + 4 * i, newSection[members[i]]);
        }
        return words.array();
    }
}
