package dev.graft.server;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * Frames over one connected Unix socket. One thread reads; any thread writes (writes are serialised, so
 * the frames of a request's stdout, stderr and spawn requests never interleave within a frame). A
 * {@link SocketChannel} reads and writes concurrently without one blocking the other.
 */
final class FrameChannel implements AutoCloseable {

    private final SocketChannel channel;
    private final Object writeLock = new Object();

    FrameChannel(SocketChannel channel) {
        this.channel = channel;
    }

    SocketChannel channel() {
        return channel;
    }

    /** The next frame, or empty at a clean end of stream (the peer closed between frames). */
    Optional<Frame> read() throws IOException {
        ByteBuffer header = ByteBuffer.allocate(5);
        if (!fill(header, true)) {
            return Optional.empty();
        }
        byte type = header.get(0);
        int length = header.getInt(1);
        if (length < 0 || length > Frame.MAX_PAYLOAD) {
            throw new IOException("a frame of " + length + " bytes");
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        fill(payload, false);
        return Optional.of(new Frame(type, payload.array()));
    }

    void write(Frame frame) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(5 + frame.payload().length);
        buffer.put(frame.type()).putInt(frame.payload().length).put(frame.payload()).flip();
        synchronized (writeLock) {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }
    }

    private boolean fill(ByteBuffer buffer, boolean endAllowed) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                if (endAllowed && buffer.position() == 0) {
                    return false;
                }
                throw new EOFException("the connection ended inside a frame");
            }
        }
        return true;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Closing a socket the peer already closed: nothing left to release.
        }
    }
}
