package dev.graft.elf;

/** One {@code Elf64_Rela}: where in its section, against which symbol (by index), of which type, with which addend. */
public record Relocation(long offset, int symbol, int type, long addend) {

    Relocation withSymbol(int newSymbol, long newAddend) {
        return new Relocation(offset, newSymbol, type, newAddend);
    }

    Relocation at(long newOffset) {
        return new Relocation(newOffset, symbol, type, addend);
    }
}
