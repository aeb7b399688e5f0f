package dev.graft.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The symbol names of an ELF object, read from its {@code .symtab} in Java: enough to know, without running
 * llvm-objdump, that no helper is named in an object at all. Defined and undefined as {@link SymbolTable}
 * tells them from objdump's table: section, file and absolute symbols are neither.
 *
 * @param defined   named symbols of a section of the object
 * @param undefined named undefined symbols
 */
record ElfSymbols(Set<String> defined, Set<String> undefined) {

    private static final int SHT_SYMTAB = 2;
    private static final int STT_SECTION = 3;
    private static final int STT_FILE = 4;
    private static final int SHN_UNDEF = 0;
    private static final int SHN_ABS = 0xfff1;

    ElfSymbols {
        defined = Set.copyOf(defined);
        undefined = Set.copyOf(undefined);
    }

    boolean namesAny(Set<String> names) {
        return defined.stream().anyMatch(names::contains) || undefined.stream().anyMatch(names::contains);
    }

    /** The object's symbols; empty when it is not an ELF file this reader understands (objdump decides then). */
    static Optional<ElfSymbols> read(Path object) throws IOException {
        ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(object));
        if (elf.limit() < 0x40 || elf.getInt(0) != 0x7f454c46) {
            return Optional.empty();
        }
        boolean wide = elf.get(4) == 2;
        elf.order(elf.get(5) == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        try {
            return Optional.of(wide ? read64(elf) : read32(elf));
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static ElfSymbols read64(ByteBuffer elf) {
        long sectionHeaders = elf.getLong(0x28);
        int entrySize = Short.toUnsignedInt(elf.getShort(0x3a));
        int sections = Short.toUnsignedInt(elf.getShort(0x3c));
        if (sections == 0) {
            // Extended numbering (0xff00 sections or more): the count is section 0's size.
            sections = Math.toIntExact(elf.getLong(Math.toIntExact(sectionHeaders) + 0x20));
        }
        Set<String> defined = new HashSet<>();
        Set<String> undefined = new HashSet<>();
        for (int i = 0; i < sections; i++) {
            int header = Math.toIntExact(sectionHeaders + (long) i * entrySize);
            if (elf.getInt(header + 4) != SHT_SYMTAB) {
                continue;
            }
            int offset = Math.toIntExact(elf.getLong(header + 0x18));
            long size = elf.getLong(header + 0x20);
            int strings = Math.toIntExact(elf.getLong(
                    Math.toIntExact(sectionHeaders + (long) elf.getInt(header + 0x28) * entrySize) + 0x18));
            for (int symbol = offset; symbol + 24 <= offset + size; symbol += 24) {
                add(elf, strings, elf.getInt(symbol), elf.get(symbol + 4) & 0xf,
                        Short.toUnsignedInt(elf.getShort(symbol + 6)), defined, undefined);
            }
        }
        return new ElfSymbols(defined, undefined);
    }

    private static ElfSymbols read32(ByteBuffer elf) {
        int sectionHeaders = elf.getInt(0x20);
        int entrySize = Short.toUnsignedInt(elf.getShort(0x2e));
        int sections = Short.toUnsignedInt(elf.getShort(0x30));
        if (sections == 0) {
            sections = elf.getInt(sectionHeaders + 0x14);
        }
        Set<String> defined = new HashSet<>();
        Set<String> undefined = new HashSet<>();
        for (int i = 0; i < sections; i++) {
            int header = sectionHeaders + i * entrySize;
            if (elf.getInt(header + 4) != SHT_SYMTAB) {
                continue;
            }
            int offset = elf.getInt(header + 0x10);
            int size = elf.getInt(header + 0x14);
            int strings = elf.getInt(sectionHeaders + elf.getInt(header + 0x18) * entrySize + 0x10);
            for (int symbol = offset; symbol + 16 <= offset + size; symbol += 16) {
                add(elf, strings, elf.getInt(symbol), elf.get(symbol + 12) & 0xf,
                        Short.toUnsignedInt(elf.getShort(symbol + 14)), defined, undefined);
            }
        }
        return new ElfSymbols(defined, undefined);
    }

    private static void add(ByteBuffer elf, int strings, int nameOffset, int type, int sectionIndex,
                            Set<String> defined, Set<String> undefined) {
        if (nameOffset == 0 || type == STT_SECTION || type == STT_FILE || sectionIndex == SHN_ABS) {
            return;
        }
        int start = strings + nameOffset;
        int end = start;
        while (elf.get(end) != 0) {
            end++;
        }
        byte[] name = new byte[end - start];
        elf.get(start, name);
        (sectionIndex == SHN_UNDEF ? undefined : defined).add(new String(name, StandardCharsets.UTF_8));
    }
}
