package dev.graft.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An ELF64 little-endian relocatable object ({@code ET_REL}) of a {@link Machine} the editor knows, read in
 * place: section headers and the symbol table as records, relocations and contents on demand. Everything the
 * reader does not understand is {@link Refused}, so that an edit never starts on a file it half understands.
 *
 * @param bytes       the whole file (never modified)
 * @param symbolTable the index of the one {@code SHT_SYMTAB} section
 */
public record RelocatableObject(byte[] bytes, Machine machine, List<Section> sections, int symbolTable,
                                List<Symbol> symbols, int sectionNameTable) {

    static final int HEADER_SIZE = 64;
    static final int SECTION_HEADER_SIZE = 64;
    static final int SYMBOL_SIZE = 24;
    static final int RELA_SIZE = 24;
    private static final int ET_REL = 1;

    public RelocatableObject {
        sections = List.copyOf(sections);
        symbols = List.copyOf(symbols);
    }

    public static RelocatableObject read(byte[] bytes) throws Refused {
        ByteBuffer elf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            return read(bytes, elf);
        } catch (IndexOutOfBoundsException | IllegalArgumentException | ArithmeticException e) {
            throw new Refused("truncated or malformed ELF object (" + e.getMessage() + ")");
        }
    }

    private static RelocatableObject read(byte[] bytes, ByteBuffer elf) throws Refused {
        if (bytes.length < HEADER_SIZE || elf.getInt(0) != 0x464c457f) {
            throw new Refused("not an ELF file");
        }
        if (elf.get(4) != 2 || elf.get(5) != 1) {
            throw new Refused("not a 64-bit little-endian ELF object");
        }
        if (elf.getShort(0x10) != ET_REL) {
            throw new Refused("not a relocatable object (ELF type " + elf.getShort(0x10) + ")");
        }
        int elfMachine = Short.toUnsignedInt(elf.getShort(0x12));
        Machine machine = Machine.of(elfMachine)
                .orElseThrow(() -> new Refused("machine " + elfMachine + " is neither x86_64 nor aarch64"));
        if (elf.getShort(0x38) != 0 || Short.toUnsignedInt(elf.getShort(0x3a)) != SECTION_HEADER_SIZE) {
            throw new Refused("a relocatable object with program headers or odd section headers");
        }
        int count = Short.toUnsignedInt(elf.getShort(0x3c));
        int names = Short.toUnsignedInt(elf.getShort(0x3e));
        if (count == 0 || names == 0 || names >= count) {
            throw new Refused("extended section numbering or no section name table");
        }
        int headers = Math.toIntExact(elf.getLong(0x28));
        List<Section> sections = readSections(bytes, elf, headers, count, names);
        int symbolTable = -1;
        for (Section section : sections) {
            switch (section.type()) {
                case Section.SHT_REL -> throw new Refused("section " + section.name() + " is SHT_REL (no addends)");
                case Section.SHT_SYMTAB_SHNDX -> throw new Refused("an SHT_SYMTAB_SHNDX section (extended symbol sections)");
                case Section.SHT_SYMTAB -> {
                    if (symbolTable >= 0) {
                        throw new Refused("two symbol tables");
                    }
                    symbolTable = section.index();
                }
                default -> { }
            }
            if (section.type() != Section.SHT_NOBITS && section.offset() + section.size() > bytes.length) {
                throw new Refused("section " + section.name() + " extends past the end of the file");
            }
        }
        if (symbolTable < 0) {
            throw new Refused("no symbol table");
        }
        List<Symbol> symbols = readSymbols(bytes, elf, sections.get(symbolTable), sections);
        return new RelocatableObject(bytes, machine, sections, symbolTable, symbols, names);
    }

    private static List<Section> readSections(byte[] bytes, ByteBuffer elf, int headers, int count, int names) {
        long namesOffset = elf.getLong(headers + names * SECTION_HEADER_SIZE + 0x18);
        List<Section> sections = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int h = headers + i * SECTION_HEADER_SIZE;
            int nameOffset = elf.getInt(h);
            sections.add(new Section(i, string(bytes, Math.toIntExact(namesOffset + Integer.toUnsignedLong(nameOffset))),
                    nameOffset, elf.getInt(h + 4), elf.getLong(h + 8), elf.getLong(h + 0x10), elf.getLong(h + 0x18),
                    elf.getLong(h + 0x20), elf.getInt(h + 0x28), elf.getInt(h + 0x2c), elf.getLong(h + 0x30),
                    elf.getLong(h + 0x38)));
        }
        return sections;
    }

    private static List<Symbol> readSymbols(byte[] bytes, ByteBuffer elf, Section table, List<Section> sections)
            throws Refused {
        if (table.entrySize() != SYMBOL_SIZE || table.size() % SYMBOL_SIZE != 0
                || table.link() <= 0 || table.link() >= sections.size()) {
            throw new Refused("a symbol table of unexpected shape");
        }
        int strings = Math.toIntExact(sections.get(table.link()).offset());
        int count = Math.toIntExact(table.size() / SYMBOL_SIZE);
        List<Symbol> symbols = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int s = Math.toIntExact(table.offset()) + i * SYMBOL_SIZE;
            int nameOffset = elf.getInt(s);
            int sectionIndex = Short.toUnsignedInt(elf.getShort(s + 6));
            Symbol symbol = new Symbol(i, nameOffset == 0 ? "" : string(bytes, strings + nameOffset), nameOffset,
                    Byte.toUnsignedInt(elf.get(s + 4)), Byte.toUnsignedInt(elf.get(s + 5)), sectionIndex,
                    elf.getLong(s + 8), elf.getLong(s + 16));
            if (symbol.inSection() && sectionIndex >= sections.size()) {
                throw new Refused("symbol " + symbol.name() + " names section " + sectionIndex + " of " + sections.size());
            }
            if (symbol.isLocal() != (i < table.info())) {
                throw new Refused("symbol table's locals are not all before its globals");
            }
            symbols.add(symbol);
        }
        return symbols;
    }

    /** The relocations of an {@code SHT_RELA} section, in file order. */
    public List<Relocation> relocations(Section rela) throws Refused {
        if (rela.type() != Section.SHT_RELA || rela.entrySize() != RELA_SIZE || rela.size() % RELA_SIZE != 0
                || rela.link() != symbolTable || rela.info() <= 0 || rela.info() >= sections.size()) {
            throw new Refused("relocation section " + rela.name() + " of unexpected shape");
        }
        ByteBuffer elf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int count = Math.toIntExact(rela.size() / RELA_SIZE);
        List<Relocation> relocations = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int r = Math.toIntExact(rela.offset()) + i * RELA_SIZE;
            long info = elf.getLong(r + 8);
            int symbol = Math.toIntExact(info >>> 32);
            if (symbol >= symbols.size()) {
                throw new Refused("a relocation in " + rela.name() + " names symbol " + symbol + " of " + symbols.size());
            }
            relocations.add(new Relocation(elf.getLong(r), symbol, (int) info, elf.getLong(r + 16)));
        }
        return relocations;
    }

    /** A copy of a section's bytes (empty for {@code SHT_NOBITS}). */
    public byte[] contents(Section section) {
        if (section.type() == Section.SHT_NOBITS) {
            return new byte[0];
        }
        int start = Math.toIntExact(section.offset());
        return Arrays.copyOfRange(bytes, start, Math.toIntExact(start + section.size()));
    }

    /** The section a relocation applies to: its {@code sh_info}. */
    public Section target(Section rela) {
        return sections.get(rela.info());
    }

    private static String string(byte[] bytes, int start) {
        int end = start;
        while (bytes[end] != 0) {
            end++;
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }
}
