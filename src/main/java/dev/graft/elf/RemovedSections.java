package dev.graft.elf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Which sections leave the object with the removed functions, decided the way a linker's {@code --gc-sections}
 * decides: a function's section goes with its relocations and the sections ordered after it
 * ({@code SHF_LINK_ORDER}); data goes when every reference to it comes from sections that go (a jump table in
 * {@code .rodata.<function>}, an exception table only the function's FDE names). References from DWARF never keep
 * anything alive; a reference from an FDE counts as one from the function it describes. Code other than the
 * removed functions is never collected: it is harmless to keep, and it may be what the replacement calls.
 */
final class RemovedSections {

    private final RelocatableObject elf;
    private final ObjectIndex index;
    private final BitSet removed = new BitSet();
    private final Deque<Integer> pending = new ArrayDeque<>();
    private final BitSet pinned;

    private RemovedSections(RelocatableObject elf, ObjectIndex index, BitSet pinned) {
        this.elf = elf;
        this.index = index;
        this.pinned = pinned;
    }

    /**
     * The sections to remove when {@code initial} (functions' sections and droppable metadata) go; {@code pinned}
     * sections stay whoever refers to them (they define what another object of the link will name).
     */
    static BitSet decide(RelocatableObject elf, ObjectIndex index, BitSet initial, BitSet pinned) throws Refused {
        return new RemovedSections(elf, index, pinned).collect(initial);
    }

    private BitSet collect(BitSet initial) throws Refused {
        References references = references();
        int[] liveSources = new int[elf.sections().size()];
        for (int target : references.targets) {
            liveSources[target]++;
        }
        for (int s = initial.nextSetBit(0); s >= 0; s = initial.nextSetBit(s + 1)) {
            remove(s);
        }
        while (!pending.isEmpty()) {
            int source = pending.pop();
            for (int e = references.first[source]; e < references.first[source + 1]; e++) {
                int target = references.targets[e];
                if (--liveSources[target] == 0 && !removed.get(target) && collectable(elf.sections().get(target))) {
                    remove(target);
                }
            }
        }
        return removed;
    }

    private void remove(int section) {
        if (removed.get(section)) {
            return;
        }
        removed.set(section);
        pending.push(section);
        index.relocationSectionOf(section).ifPresent(removed::set);
        for (int dependent : index.orderedAfter(section)) {
            remove(dependent);
        }
    }

    /** Data nobody else may name: allocated, not code, not a comdat member, no global symbol, no special name. */
    private boolean collectable(Section section) {
        String name = section.name();
        return !pinned.get(section.index()) && (section.type() == Section.SHT_PROGBITS || section.type() == Section.SHT_NOBITS)
                && section.has(Section.SHF_ALLOC) && !section.isCode() && !section.has(Section.SHF_GNU_RETAIN)
                && !section.has(Section.SHF_LINK_ORDER) && !index.inGroup(section.index())
                && !index.definesGlobal(section.index()) && !section.isEhFrame()
                // __start_NAME and __stop_NAME keep a section whose name is a C identifier alive in a link.
                && !name.matches("[A-Za-z_][A-Za-z0-9_]*")
                && !name.startsWith(".init_array") && !name.startsWith(".fini_array")
                && !name.startsWith(".preinit_array") && !name.startsWith(".ctors") && !name.startsWith(".dtors")
                && !name.startsWith(".note");
    }

    /** Every reference between two different sections, grouped by the referring section. */
    private References references() throws Refused {
        List<int[]> edges = new ArrayList<>();
        for (Section rela : index.relocationSections()) {
            Section applied = elf.target(rela);
            if (applied.isDebug()) {
                continue;
            }
            List<Relocation> relocations = index.relocations(rela);
            Optional<EhFrame> frame = applied.isEhFrame() ? index.ehFrame() : Optional.empty();
            for (int i = 0; i < relocations.size(); i++) {
                int source = applied.index();
                if (frame.isPresent()) {
                    EhFrame.Record record = frame.get().records().get(frame.get().owner()[i]);
                    if (!record.cie()) {
                        source = sectionOf(relocations.get(record.pcBegin()), "the pc_begin of an FDE");
                    }
                }
                Symbol symbol = elf.symbols().get(relocations.get(i).symbol());
                if (symbol.inSection() && symbol.sectionIndex() != source) {
                    edges.add(new int[] {source, symbol.sectionIndex()});
                }
            }
        }
        return References.of(edges, elf.sections().size());
    }

    private int sectionOf(Relocation relocation, String what) throws Refused {
        Symbol symbol = elf.symbols().get(relocation.symbol());
        if (!symbol.inSection()) {
            throw new Refused(what + " names " + (symbol.name().isEmpty() ? "no section" : symbol.name()));
        }
        return symbol.sectionIndex();
    }

    /** Edges in compressed rows: the targets of section {@code s} are {@code targets[first[s] .. first[s+1])}. */
    private record References(int[] first, int[] targets) {

        static References of(List<int[]> edges, int sections) {
            int[] first = new int[sections + 1];
            for (int[] edge : edges) {
                first[edge[0] + 1]++;
            }
            for (int s = 0; s < sections; s++) {
                first[s + 1] += first[s];
            }
            int[] next = first.clone();
            int[] targets = new int[edges.size()];
            for (int[] edge : edges) {
                targets[next[edge[0]]++] = edge[1];
            }
            return new References(first, targets);
        }
    }
}
