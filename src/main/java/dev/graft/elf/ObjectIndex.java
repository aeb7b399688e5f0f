package dev.graft.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an edit looks up about an object again and again, computed in one pass over it: each section's relocation
 * section and relocations, the sections ordered after it, comdat membership, which sections define global symbols,
 * and the parsed {@code .eh_frame}.
 */
final class ObjectIndex {

    private final RelocatableObject elf;
    private final List<Section> relocationSections = new ArrayList<>();
    private final Map<Integer, List<Relocation>> relocations = new HashMap<>();
    private final int[] relocationSectionOf;
    private final Map<Integer, List<Integer>> orderedAfter = new HashMap<>();
    private final BitSet inGroup = new BitSet();
    private final BitSet definesGlobal = new BitSet();
    private Optional<EhFrame> ehFrame = Optional.empty();

    private ObjectIndex(RelocatableObject elf) {
        this.elf = elf;
        this.relocationSectionOf = new int[elf.sections().size()];
    }

    static ObjectIndex of(RelocatableObject elf) throws Refused {
        ObjectIndex index = new ObjectIndex(elf);
        index.build();
        return index;
    }

    private void build() throws Refused {
        Section ehFrameSection = null;
        for (Section section : elf.sections()) {
            if (section.type() == Section.SHT_RELA) {
                List<Relocation> list = elf.relocations(section);
                if (relocationSectionOf[section.info()] != 0) {
                    throw new Refused("two relocation sections for " + elf.target(section).name());
                }
                relocationSectionOf[section.info()] = section.index();
                relocationSections.add(section);
                relocations.put(section.index(), list);
            } else if (section.type() == Section.SHT_GROUP) {
                for (int member : groupMembers(section)) {
                    inGroup.set(member);
                }
            }
            if (section.has(Section.SHF_LINK_ORDER)) {
                if (section.link() <= 0 || section.link() >= elf.sections().size()) {
                    throw new Refused("section " + section.name() + " is ordered after no section");
                }
                orderedAfter.computeIfAbsent(section.link(), k -> new ArrayList<>()).add(section.index());
            }
            if (section.has(Section.SHF_GROUP)) {
                inGroup.set(section.index());
            }
            if (section.isEhFrame()) {
                if (ehFrameSection != null) {
                    throw new Refused("two .eh_frame sections");
                }
                ehFrameSection = section;
            }
        }
        for (Symbol symbol : elf.symbols()) {
            if (!symbol.isLocal() && symbol.inSection()) {
                definesGlobal.set(symbol.sectionIndex());
            }
        }
        if (ehFrameSection != null) {
            int rela = relocationSectionOf[ehFrameSection.index()];
            ehFrame = Optional.of(EhFrame.parse(elf.contents(ehFrameSection),
                    rela == 0 ? List.of() : relocations.get(rela)));
        }
    }

    /** The member section indices of an {@code SHT_GROUP} section (after its flag word). */
    int[] groupMembers(Section group) throws Refused {
        if (group.size() % 4 != 0 || group.size() < 4 || group.entrySize() != 4) {
            throw new Refused("group section " + group.name() + " of unexpected shape");
        }
        ByteBuffer words = ByteBuffer.wrap(elf.contents(group)).order(ByteOrder.LITTLE_ENDIAN);
        int[] members = new int[words.capacity() / 4 - 1];
        for (int i = 0; i < members.length; i++) {
            members[i] = words.getInt(4 + 4 * i);
            if (members[i] <= 0 || members[i] >= elf.sections().size()) {
                throw new Refused("group section " + group.name() + " names section " + members[i]);
            }
        }
        return members;
    }

    List<Section> relocationSections() {
        return relocationSections;
    }

    List<Relocation> relocations(Section rela) {
        return relocations.get(rela.index());
    }

    Optional<Integer> relocationSectionOf(int section) {
        int rela = relocationSectionOf[section];
        return rela == 0 ? Optional.empty() : Optional.of(rela);
    }

    List<Integer> orderedAfter(int section) {
        return orderedAfter.getOrDefault(section, List.of());
    }

    boolean inGroup(int section) {
        return inGroup.get(section);
    }

    boolean definesGlobal(int section) {
        return definesGlobal.get(section);
    }

    Optional<EhFrame> ehFrame() {
        return ehFrame;
    }
}
