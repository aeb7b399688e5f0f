package dev.graft.server;

import dev.graft.session.ServedElsewhere;
import dev.graft.session.Session;
import dev.graft.session.Streams;
import dev.graft.session.Timeline;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client connection: checks the peer's uid, then answers a status or stop request, or runs one
 * graft command in a {@link Session} of the client's on this thread while another reads the client's
 * frames (child exit statuses, a cancel, or the end of the connection, which also cancels a running
 * request). The command runs here, not on a thread it is handed to: the reader starts beside it, off
 * the request's way.
 */
final class Connection implements Runnable {

    /** The exit status reported for a cancelled request (the client exits by its signal anyway). */
    private static final int CANCELLED = 130;

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
                case Frame.STOP -> server.retireAnswering(() -> {
                    channel.write(Frame.of(Frame.STDOUT, "graft server: stopping (pid " + ProcessHandle.current().pid()
                            + "), once its running requests are done\n"));
                    channel.write(Frame.ofStatus(Frame.EXIT, 0));
                });
                case Frame.REQUEST -> {
                    try {
                        ClientRequest request = ClientRequest.parse(first.get().words());
                        Timeline timeline = Timeline.of(request.environment());
                        timeline.mark("request read");
                        serve(request, timeline);
                    } catch (ClientRequest.OtherWireVersion e) {
                        server.log("a client of another wire version replaces this server (" + e.getMessage() + ")");
                        server.retireAnswering(() -> channel.write(Frame.of(Frame.REPLACED, e.getMessage())));
                    }
                }
                default -> channel.write(Frame.of(Frame.REFUSED, "unexpected frame '" + (char) first.get().type() + "'"));
            }
        } catch (IOException e) {
            server.log("connection: " + e.getMessage());
        }
    }

    private void serve(ClientRequest request, Timeline timeline) throws IOException {
        if (!request.identity().equals(server.identity())) {
            server.log("a client of another graft build or JDK (" + request.identity() + ") replaces this server");
            server.retireAnswering(() -> channel.write(Frame.of(Frame.REPLACED, server.identity())));
            return;
        }
        server.requestStarted();
        try {
            channel.write(new Frame(Frame.ACCEPTED, new byte[0]));
            new Run(request, timeline).serve();
        } finally {
            server.requestEnded();
        }
    }

    /** One request: its session, the thread that works on it, and who gets to send the final status. */
    private final class Run {

        private final ClientRequest request;
        private final Streams streams = Streams.of(new FrameOutputStream(channel, Frame.STDOUT),
                new FrameOutputStream(channel, Frame.STDERR));
        private final ClientHost host = new ClientHost(channel, List.of(streams.out(), streams.err()));
        private final Session session;
        /** Set once: by the worker when it finished, or by a cancel; whoever sets it sends the final status. */
        private final AtomicBoolean over = new AtomicBoolean();
        /** The thread working on the request while it does, for a cancel to interrupt; guarded by this. */
        private Thread working;

        Run(ClientRequest request, Timeline timeline) {
            this.request = request;
            this.session = Session.forClient(request.workingDirectory(), request.environment(), request.umask(),
                    streams, host, server.memo(), timeline);
        }

        /** Works on the request on this thread, and reads the client's frames on another meanwhile. */
        void serve() {
            server.threads().execute(this::readFrames);
            synchronized (this) {
                working = Thread.currentThread();
            }
            try {
                work();
            } finally {
                synchronized (this) {
                    working = null;
                }
                // A cancel's interrupt that came as the work ended must not reach this pooled thread's next task.
                Thread.interrupted();
            }
        }

        private void readFrames() {
            try {
                while (true) {
                    Optional<Frame> frame = channel.read();
                    if (frame.isEmpty() || frame.get().type() == Frame.CANCEL) {
                        cancel("the client " + (frame.isEmpty() ? "went away" : "was interrupted"));
                        return;
                    }
                    if (frame.get().type() == Frame.CHILD_EXIT) {
                        host.exited(frame.get().status());
                    }
                }
            } catch (IOException e) {
                cancel("the connection failed: " + e.getMessage());
            }
        }

        private void work() {
            int status;
            try {
                status = server.commands().run(request.args(), session);
            } catch (ServedElsewhere e) {
                if (end()) {
                    server.log("a request for another toolchain replaces this server: " + e.getMessage());
                    server.retire();
                    send(Frame.of(Frame.REPLACED, e.getMessage()));
                }
                return;
            } catch (RuntimeException | Error e) {
                streams.err().println("graft: internal error in the graft server: " + e);
                status = 1;
            }
            session.timeline().line("the server's request").ifPresent(streams.err()::println);
            streams.flush();
            if (end()) {
                send(Frame.ofStatus(Frame.EXIT, status));
            }
        }

        /** The worker is done: true when it is the one to answer, false when a cancel answered already. */
        private boolean end() {
            if (over.compareAndSet(false, true)) {
                return true;
            }
            server.finishingEnded();
            return false;
        }

        /**
         * Cancels the request, then tells the client it is over, at once: the cancel returns only once no
         * output of this request can appear any more, so the client may exit (and its build go on) while
         * work that cannot be interrupted (LLVM in this JVM) runs to its next step and is thrown away.
         */
        private void cancel(String why) {
            host.clientGone();
            if (!over.compareAndSet(false, true)) {
                return;
            }
            server.log("cancelling a request (" + why + "): " + String.join(" ", request.args()));
            server.finishingStarted();
            session.cancellation().cancel();
            synchronized (this) {
                if (working != null) {
                    working.interrupt(); // interrupts the work, if it still runs
                }
            }
            send(Frame.ofStatus(Frame.EXIT, CANCELLED));
        }

        private void send(Frame frame) {
            try {
                channel.write(frame);
            } catch (IOException e) {
                // The client is gone; it has nothing to be told any more.
            }
        }
    }
}
