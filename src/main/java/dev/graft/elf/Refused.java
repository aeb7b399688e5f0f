package dev.graft.elf;

/**
 * The editor will not edit this object: the message says, in one line, which precondition failed. Refusing is
 * always safe, since the caller then regenerates the whole unit; a wrong edit would not be.
 */
public final class Refused extends Exception {

    public Refused(String reason) {
        super(reason);
    }
}
