package dev.graft.server;

import dev.graft.session.BuildHost;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The client as a {@link BuildHost}: asks it to run a command as its own child and waits for the
 * status. One command at a time per request (graft runs rustc once per request).
 */
final class ClientHost implements BuildHost {

    private final FrameChannel channel;
    private final List<PrintWriter> flushFirst;
    private volatile CompletableFuture<Integer> pending;

    ClientHost(FrameChannel channel, List<PrintWriter> flushFirst) {
        this.channel = channel;
        this.flushFirst = flushFirst;
    }

    @Override
    public int run(List<String> argv, Map<String, String> environment, Path directory)
            throws IOException, InterruptedException {
        // What the request printed so far reaches the client before the child starts writing.
        flushFirst.forEach(PrintWriter::flush);
        List<String> words = new ArrayList<>();
        words.add(directory.toString());
        words.add(Integer.toString(argv.size()));
        words.addAll(argv);
        words.add(Integer.toString(environment.size()));
        environment.forEach((k, v) -> words.add(k + "=" + v));
        CompletableFuture<Integer> status = new CompletableFuture<>();
        pending = status;
        channel.write(Frame.ofWords(Frame.SPAWN, words));
        try {
            return status.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }

    /** The client reported its child's status. */
    void exited(int status) {
        CompletableFuture<Integer> waiting = pending;
        if (waiting != null) {
            waiting.complete(status);
        }
    }

    /** The client is gone: a command it was running will never report. */
    void clientGone() {
        CompletableFuture<Integer> waiting = pending;
        if (waiting != null) {
            waiting.completeExceptionally(new IOException("the client went away"));
        }
    }
}
