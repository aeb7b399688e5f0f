package dev.graft.cli;

import dev.graft.GraftException;
import dev.graft.process.Caller;
import dev.graft.toolchain.Toolchain;
import dev.graft.toolchain.ToolchainLocator;

import java.nio.file.Path;

/**
 * A command run by a graft server for a client: the {@link Caller} its subprocesses run for, and the
 * server's toolchains (remembered across requests, and one per server: it keeps one libLLVM loaded).
 */
public record ServerRequest(Caller caller, Toolchains toolchains) {

    /** How a server finds a request's toolchain. */
    public interface Toolchains {

        /**
         * The toolchain {@code locator} would find for a request in {@code workingDirectory}, without
         * asking rustc again when nothing it depends on changed.
         *
         * @throws OtherToolchain it is not the toolchain this server serves
         */
        Toolchain locate(ToolchainLocator locator, java.util.Map<String, String> environment, Path workingDirectory)
                throws GraftException;
    }

    /** Thrown out of the command when its toolchain is not the server's: a fresh server takes the request. */
    public static final class OtherToolchain extends RuntimeException {

        public OtherToolchain(Toolchain toolchain) {
            super("this request needs " + toolchain.fingerprint(), null, false, false);
        }
    }
}
