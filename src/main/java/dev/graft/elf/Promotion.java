package dev.graft.elf;

/**
 * A local symbol of the object that another object of the same link must reach (the new code of a replaced
 * function refers to a private static or function this object defines): it stays where it is and becomes a
 * hidden global named {@code newName}, as ThinLTO promotes what it imports.
 */
public record Promotion(String symbol, String newName) {

    public Promotion {
        if (symbol.isEmpty() || newName.isEmpty() || symbol.equals(newName)) {
            throw new IllegalArgumentException("a promotion needs a symbol and a different new name");
        }
    }
}
