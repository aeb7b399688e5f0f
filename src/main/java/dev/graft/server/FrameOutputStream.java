package dev.graft.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A request's stdout or stderr: bytes are sent as frames of one type when flushed (graft's writers
 * flush at each line), or when 32 KiB have gathered, so the client prints them as they are produced.
 */
final class FrameOutputStream extends OutputStream {

    private static final int LIMIT = 32 << 10;

    private final FrameChannel channel;
    private final byte type;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    FrameOutputStream(FrameChannel channel, byte type) {
        this.channel = channel;
        this.type = type;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        pending.write(b);
        if (pending.size() >= LIMIT) {
            flush();
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        pending.write(b, off, len);
        if (pending.size() >= LIMIT) {
            flush();
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        if (pending.size() > 0) {
            byte[] bytes = pending.toByteArray();
            pending.reset();
            channel.write(new Frame(type, bytes));
        }
    }
}
