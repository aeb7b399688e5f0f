package dev.graft.process;

import java.nio.file.Path;
import java.util.Map;

/**
 * Who a graft server runs a request for: the client's whole environment and working directory, which
 * every subprocess of the request gets instead of the server's own, and the client as the
 * {@link BuildHost} for commands that must run inside the build (rustc).
 */
public record Caller(Map<String, String> environment, Path workingDirectory, BuildHost host) {

    public Caller {
        environment = Map.copyOf(environment);
    }
}
