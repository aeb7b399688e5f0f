package dev.graft.elf;

/**
 * One function to take out of an object: its symbol there, and the name its new definition has in the object
 * that replaces it. A global function keeps its name ({@code newName} equals {@code symbol}); a local one gets a
 * hidden global name, since another object cannot define a local symbol of this one.
 */
public record Replacement(String symbol, String newName) {

    public Replacement {
        if (symbol.isEmpty() || newName.isEmpty()) {
            throw new IllegalArgumentException("a replacement needs a symbol and a new name");
        }
    }
}
