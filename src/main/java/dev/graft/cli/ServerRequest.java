package dev.graft.cli;

import dev.graft.GraftException;
import dev.graft.helpers.HelperLibrary;
import dev.graft.process.Caller;
import dev.graft.toolchain.Toolchain;
import dev.graft.toolchain.ToolchainLocator;

import java.nio.file.Path;

/**
 * A command run by a graft server for a client: the {@link Caller} its subprocesses run for, and what
 * the server remembers across requests (its toolchain, one per server: it keeps one libLLVM loaded;
 * helper libraries it has read).
 */
public record ServerRequest(Caller caller, Memo memo) {

    /** What a warm server need not find out again for each request, while the files it came from are unchanged. */
    public interface Memo {

        /**
         * The toolchain {@code locator} would find for a request in {@code workingDirectory}, without
         * asking rustc again when nothing it depends on changed.
         *
         * @throws OtherToolchain it is not the toolchain this server serves
         */
        Toolchain locate(ToolchainLocator locator, java.util.Map<String, String> environment, Path workingDirectory)
                throws GraftException;

        /** The helper library in {@code file} as {@code reader} reads it, remembered while the file is unchanged. */
        HelperLibrary helperLibrary(Path file, Toolchain toolchain, Reader<HelperLibrary> reader) throws GraftException;
    }

    /** Reads something a {@link Memo} may remember. */
    public interface Reader<T> {
        T read() throws GraftException;
    }

    /** Thrown out of the command when its toolchain is not the server's: a fresh server takes the request. */
    public static final class OtherToolchain extends RuntimeException {

        public OtherToolchain(Toolchain toolchain) {
            super("this request needs " + toolchain.fingerprint(), null, false, false);
        }
    }
}
