package dev.graft.cli;

import dev.graft.process.Caller;
import dev.graft.toolchain.Toolchain;

import java.util.function.Predicate;

/**
 * A command run by a graft server for a client: the {@link Caller} its subprocesses run for, and the
 * toolchain test of a server that keeps one libLLVM loaded (a request for another toolchain is handed
 * back, to a fresh server, before it does anything).
 */
public record ServerRequest(Caller caller, Predicate<Toolchain> serves) {

    /** Thrown out of the command when its toolchain is not the server's. */
    public static final class OtherToolchain extends RuntimeException {

        public OtherToolchain(Toolchain toolchain) {
            super("this request needs " + toolchain.fingerprint(), null, false, false);
        }
    }
}
