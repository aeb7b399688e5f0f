package dev.graft.elf;

/**
 * One section header of an ELF64 object, with its name read from the section name table. {@code offset} and
 * {@code size} locate the section's bytes in the file it was read from.
 */
public record Section(int index, String name, int nameOffset, int type, long flags, long address, long offset,
                      long size, int link, int info, long addressAlignment, long entrySize) {

    static final int SHT_NULL = 0;
    static final int SHT_PROGBITS = 1;
    static final int SHT_SYMTAB = 2;
    static final int SHT_STRTAB = 3;
    static final int SHT_RELA = 4;
    static final int SHT_NOBITS = 8;
    static final int SHT_REL = 9;
    static final int SHT_GROUP = 17;
    static final int SHT_SYMTAB_SHNDX = 18;
    static final int SHT_LLVM_ADDRSIG = 0x6fff4c03;
    static final int SHT_LLVM_CALL_GRAPH_PROFILE = 0x6fff4c09;

    static final long SHF_ALLOC = 0x2;
    static final long SHF_EXECINSTR = 0x4;
    static final long SHF_INFO_LINK = 0x40;
    static final long SHF_LINK_ORDER = 0x80;
    static final long SHF_GROUP = 0x200;
    static final long SHF_GNU_RETAIN = 0x200000;

    public boolean isCode() {
        return (flags & SHF_EXECINSTR) != 0;
    }

    boolean has(long flag) {
        return (flags & flag) != 0;
    }

    /** DWARF, whose references to removed code become tombstones rather than refusals. */
    public boolean isDebug() {
        return name.startsWith(".debug_");
    }

    public boolean isEhFrame() {
        return name.equals(".eh_frame");
    }

    /** The same header at another place in another section numbering. */
    Section relocated(int newIndex, long newOffset, long newSize, int newLink, int newInfo) {
        return new Section(newIndex, name, nameOffset, type, flags, address, newOffset, newSize, newLink, newInfo,
                addressAlignment, entrySize);
    }
}
