package dev.graft.process;

import java.io.IOException;

/**
 * Runs a command as a child of the build's own process rather than of this JVM: in a graft server,
 * the short-lived client that make or cargo started. That child inherits what Java's process API
 * cannot pass on: the build's file descriptors beyond the standard three (make's jobserver), its
 * terminal and process group (Ctrl-C reaches it directly), and the client's standard streams, which
 * it writes to as it runs.
 */
public interface BuildHost {

    /**
     * Runs {@code command} (its environment entries added to the client's own environment, in its
     * working directory) and returns its exit status, 128 + N when signal N ended it.
     *
     * @throws IOException          the client is gone, so nothing can run there any more
     * @throws InterruptedException the request was cancelled while the command ran
     */
    int run(Command command) throws IOException, InterruptedException;
}
