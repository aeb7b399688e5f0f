package dev.graft.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a command as a child of the build's own process rather than of this JVM: in a graft server, the
 * short-lived client that make or cargo started. That child inherits what Java's process API cannot
 * pass on: the build's file descriptors beyond the standard three (make's jobserver), its terminal and
 * process group (Ctrl-C reaches it directly), and the client's standard streams, which it writes to as
 * it runs; and it dies with the client.
 */
public interface BuildHost {

    /**
     * Runs {@code argv} (its {@code environment} entries added to the client's own environment, in
     * {@code directory}) and returns its exit status, 128 + N when signal N ended it.
     *
     * @throws IOException          the client is gone, so nothing can run there any more
     * @throws InterruptedException the request was cancelled while the command ran
     */
    int run(List<String> argv, Map<String, String> environment, Path directory) throws IOException, InterruptedException;
}
