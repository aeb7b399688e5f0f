package dev.graft.elf;

/**
 * A local symbol of the object that the replacements still use (a private function they call, a private static
 * they read or write): another object cannot name a local, so the edit gives it a hidden global alias, defined
 * where the local is. Data must not be duplicated into the replacement object, and functions need not be.
 */
public record HiddenAlias(String local, String alias) {

    public HiddenAlias {
        if (local.isEmpty() || alias.isEmpty()) {
            throw new IllegalArgumentException("a hidden alias needs a local symbol and a name");
        }
    }
}
