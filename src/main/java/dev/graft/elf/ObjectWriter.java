package dev.graft.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Lays a relocatable object out again: the ELF header of the input (its identity, machine and flags), each
 * section's bytes at its alignment in order, then the section header table, 8-aligned, at the end.
 */
final class ObjectWriter {

    private ObjectWriter() {
    }

    static byte[] write(byte[] inputHeader, List<OutputSection> sections, int sectionNameTable) {
        long[] offsets = new long[sections.size()];
        long position = RelocatableObject.HEADER_SIZE;
        for (int i = 1; i < sections.size(); i++) {
            Section header = sections.get(i).header();
            position = align(position, Math.max(1, header.addressAlignment()));
            offsets[i] = position;
            if (header.type() != Section.SHT_NOBITS) {
                position += header.size();
            }
        }
        long headerTable = align(position, 8);
        int total = Math.toIntExact(headerTable + (long) sections.size() * RelocatableObject.SECTION_HEADER_SIZE);
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.put(0, inputHeader, 0, RelocatableObject.HEADER_SIZE);
        out.putLong(0x28, headerTable);
        out.putShort(0x3c, (short) sections.size());
        out.putShort(0x3e, (short) sectionNameTable);
        for (int i = 0; i < sections.size(); i++) {
            OutputSection section = sections.get(i);
            Section header = section.header();
            if (i > 0 && header.type() != Section.SHT_NOBITS) {
                out.put(Math.toIntExact(offsets[i]), section.source(), section.from(), Math.toIntExact(header.size()));
            }
            int h = Math.toIntExact(headerTable + (long) i * RelocatableObject.SECTION_HEADER_SIZE);
            out.putInt(h, header.nameOffset());
            out.putInt(h + 4, header.type());
            out.putLong(h + 8, header.flags());
            out.putLong(h + 0x10, header.address());
            out.putLong(h + 0x18, i == 0 ? 0 : offsets[i]);
            out.putLong(h + 0x20, header.size());
            out.putInt(h + 0x28, header.link());
            out.putInt(h + 0x2c, header.info());
            out.putLong(h + 0x30, header.addressAlignment());
            out.putLong(h + 0x38, header.entrySize());
        }
        return out.array();
    }

    static byte[] symbols(List<Symbol> symbols) {
        ByteBuffer out = ByteBuffer.allocate(symbols.size() * RelocatableObject.SYMBOL_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (Symbol symbol : symbols) {
            out.putInt(symbol.nameOffset());
            out.put((byte) symbol.info());
            out.put((byte) symbol.other());
            out.putShort((short) symbol.sectionIndex());
            out.putLong(symbol.value());
            out.putLong(symbol.size());
        }
        return out.array();
    }

    static byte[] relocations(List<Relocation> relocations) {
        ByteBuffer out = ByteBuffer.allocate(relocations.size() * RelocatableObject.RELA_SIZE)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (Relocation relocation : relocations) {
            out.putLong(relocation.offset());
            out.putLong((long) relocation.symbol() << 32 | Integer.toUnsignedLong(relocation.type()));
            out.putLong(relocation.addend());
        }
        return out.array();
    }

    private static long align(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
