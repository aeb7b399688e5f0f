package dev.graft.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/** {@code graft server status|stop}: asks the server on a socket, if one answers there. */
public final class ServerControl {

    private ServerControl() {
    }

    public static int status(Path socket, PrintWriter out) {
        return ask(socket, Frame.STATUS, out);
    }

    public static int stop(Path socket, PrintWriter out) {
        return ask(socket, Frame.STOP, out);
    }

    private static int ask(Path socket, byte type, PrintWriter out) {
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            out.println("graft server: not running (no server answers on " + socket + ")");
            return 0;
        }
        try (FrameChannel frames = new FrameChannel(channel)) {
            frames.write(new Frame(type, new byte[0]));
            while (true) {
                Optional<Frame> frame = frames.read();
                if (frame.isEmpty()) {
                    out.println("graft server: the server closed the connection without an answer");
                    return 1;
                }
                switch (frame.get().type()) {
                    case Frame.STDOUT, Frame.STDERR -> out.print(new String(frame.get().payload(), StandardCharsets.UTF_8));
                    case Frame.EXIT -> {
                        out.flush();
                        return frame.get().status();
                    }
                    case Frame.REFUSED -> {
                        out.println("graft server: refused: " + frame.get().text());
                        return 2;
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            out.println("graft server: no answer from " + socket + ": " + e.getMessage());
            return 1;
        }
    }
}
