package dev.graft.server;

import dev.graft.cli.Main;
import dev.graft.cli.ServerRequest;
import dev.graft.process.Caller;
import dev.graft.process.RequestScope;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection: checks the peer's uid, then answers a status or stop request, or runs one
 * graft command on a worker thread while this thread reads the client's frames (child exit statuses,
 * a cancel, or the end of the connection, which also cancels a running request).
 */
final class Connection implements Runnable {

    /** The exit status reported for a cancelled request (the client exits by its signal anyway). */
    private static final int CANCELLED = 130;
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    private final GraftServer server;
    private final FrameChannel channel;

    Connection(GraftServer server, FrameChannel channel) {
        this.server = server;
        this.channel = channel;
    }

    @Override
    public void run() {
        try (channel) {
            if (!server.acceptsPeer(channel.channel())) {
                server.log("refused a connection from another user");
                channel.write(Frame.of(Frame.REFUSED, "the graft server at this socket serves "
                        + server.owner().getName() + " only"));
                return;
            }
            Optional<Frame> first = channel.read();
            if (first.isEmpty()) {
                return;
            }
            switch (first.get().type()) {
                case Frame.STATUS -> {
                    channel.write(Frame.of(Frame.STDOUT, server.describe()));
                    channel.write(Frame.ofStatus(Frame.EXIT, 0));
                }
                case Frame.STOP -> {
                    server.retire();
                    channel.write(Frame.of(Frame.STDOUT, "graft server: stopping (pid " + ProcessHandle.current().pid()
                            + "), once its running requests are done\n"));
                    channel.write(Frame.ofStatus(Frame.EXIT, 0));
                }
                case Frame.REQUEST -> serve(ClientRequest.parse(first.get().words()));
                default -> channel.write(Frame.of(Frame.REFUSED, "unexpected frame '" + (char) first.get().type() + "'"));
            }
        } catch (IOException e) {
            server.log("connection: " + e.getMessage());
        }
    }

    private void serve(ClientRequest request) throws IOException {
        if (!request.identity().equals(server.identity())) {
            server.log("a client of another graft build or JDK (" + request.identity() + ") replaces this server");
            server.retire();
            channel.write(Frame.of(Frame.REPLACED, server.identity()));
            return;
        }
        server.requestStarted();
        try {
            channel.write(new Frame(Frame.ACCEPTED, new byte[0]));
            new Run(request).serve();
        } finally {
            server.requestEnded();
        }
    }

    /** One request: the worker thread, its scope, and who gets to send the final status. */
    private final class Run {

        private final ClientRequest request;
        private final PrintWriter out = writer(Frame.STDOUT);
        private final PrintWriter err = writer(Frame.STDERR);
        private final ClientHost host;
        private final RequestScope scope = new RequestScope();
        /** Set once: by the worker when it finished, or by a cancel; whoever sets it sends the final status. */
        private final java.util.concurrent.atomic.AtomicBoolean over = new java.util.concurrent.atomic.AtomicBoolean();
        private Thread worker;

        Run(ClientRequest request) {
            this.request = request;
            this.host = new ClientHost(channel, request.workingDirectory(), List.of(out, err));
        }

        void serve() throws IOException {
            worker = Thread.ofPlatform().name("graft-request-" + REQUESTS.incrementAndGet()).start(this::work);
            try {
                while (true) {
                    Optional<Frame> frame = channel.read();
                    if (frame.isEmpty() || frame.get().type() == Frame.CANCEL) {
                        cancel("the client " + (frame.isEmpty() ? "went away" : "was interrupted"));
                        break;
                    }
                    if (frame.get().type() == Frame.CHILD_EXIT) {
                        host.exited(frame.get().status());
                    }
                }
            } catch (IOException e) {
                cancel("the connection failed: " + e.getMessage());
            }
            join();
        }

        private void work() {
            int status;
            try {
                ServerRequest serverRequest = new ServerRequest(new Caller(request.environment(),
                        request.workingDirectory(), host), server.memo());
                status = scope.run(() -> Main.run(request.args(), out, err, request.environment(),
                        request.workingDirectory(), Optional.of(serverRequest)));
            } catch (ServerRequest.OtherToolchain e) {
                if (over.compareAndSet(false, true)) {
                    server.log("a request for another toolchain replaces this server: " + e.getMessage());
                    server.retire();
                    send(Frame.of(Frame.REPLACED, e.getMessage()));
                }
                return;
            } catch (RuntimeException | Error e) {
                err.println("graft: internal error in the graft server: " + e);
                status = 1;
            }
            out.flush();
            err.flush();
            if (over.compareAndSet(false, true)) {
                send(Frame.ofStatus(Frame.EXIT, status));
            }
        }

        /** Stops this request's subprocesses and deletes its temporary and partial outputs; others go on. */
        private void cancel(String why) {
            host.clientGone();
            if (!over.compareAndSet(false, true)) {
                return;
            }
            server.log("cancelling a request (" + why + "): " + String.join(" ", request.args()));
            scope.cancel();
            worker.interrupt();
            join();
            scope.cancel(); // what the worker created between the first pass and its end
            send(Frame.ofStatus(Frame.EXIT, CANCELLED));
        }

        private void join() {
            try {
                worker.join(java.time.Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void send(Frame frame) {
            try {
                channel.write(frame);
            } catch (IOException e) {
                // The client is gone; it has nothing to be told any more.
            }
        }

        private PrintWriter writer(byte type) {
            return new PrintWriter(new OutputStreamWriter(new FrameOutputStream(channel, type), StandardCharsets.UTF_8),
                    true);
        }
    }
}
