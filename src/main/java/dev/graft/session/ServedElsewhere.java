package dev.graft.session;

/**
 * Thrown out of a command that needs what this JVM cannot give it (the libLLVM of another toolchain,
 * while one is loaded): a server hands the request back, and the client asks a fresh server.
 */
public final class ServedElsewhere extends RuntimeException {

    public ServedElsewhere(String what) {
        super("this request needs " + what, null, false, false);
    }
}
