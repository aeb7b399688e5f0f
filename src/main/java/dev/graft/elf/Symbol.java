package dev.graft.elf;

/** One entry of an ELF64 symbol table, with its name read from the string table. */
public record Symbol(int index, String name, int nameOffset, int info, int other, int sectionIndex, long value,
                     long size) {

    static final int STB_LOCAL = 0;
    static final int STB_GLOBAL = 1;
    static final int STT_NOTYPE = 0;
    static final int STT_OBJECT = 1;
    static final int STT_FUNC = 2;
    static final int STT_SECTION = 3;
    static final int STV_HIDDEN = 2;
    static final int SHN_UNDEF = 0;
    /** From here on section indices are special (absolute, common, extended): no section of the file. */
    static final int SHN_LORESERVE = 0xff00;

    public int binding() {
        return info >>> 4;
    }

    public int type() {
        return info & 0xf;
    }

    public int visibility() {
        return other & 0x3;
    }

    public boolean isLocal() {
        return binding() == STB_LOCAL;
    }

    /** An AArch64 mapping symbol ({@code $x}, {@code $d}): a local marker of code or data, not a definition. */
    boolean isMappingSymbol() {
        return isLocal() && type() == STT_NOTYPE && (name.equals("$x") || name.equals("$d")
                || name.startsWith("$x.") || name.startsWith("$d."));
    }

    /** Defined in a section of the file (not undefined, absolute or common). */
    public boolean inSection() {
        return sectionIndex != SHN_UNDEF && sectionIndex < SHN_LORESERVE;
    }

    /** This symbol made undefined: the same name, binding and visibility, resolved by another object now. */
    Symbol undefined() {
        return new Symbol(index, name, nameOffset, info, other, SHN_UNDEF, 0, 0);
    }

    /** An undefined hidden global of no type: how one object names a function another object of the link defines. */
    static Symbol hiddenReference(String name, int nameOffset) {
        return new Symbol(-1, name, nameOffset, STB_GLOBAL << 4 | STT_NOTYPE, STV_HIDDEN, SHN_UNDEF, 0, 0);
    }

    /** A hidden global defined where {@code local} is (in its section's new index): a name other objects can use. */
    static Symbol hiddenAlias(String name, int nameOffset, Symbol local, int newSectionIndex) {
        return new Symbol(-1, name, nameOffset, STB_GLOBAL << 4 | local.type(), STV_HIDDEN, newSectionIndex,
                local.value(), local.size());
    }

    Symbol inSection(int newSectionIndex) {
        return new Symbol(index, name, nameOffset, info, other, newSectionIndex, value, size);
    }
}
