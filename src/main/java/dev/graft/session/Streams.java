package dev.graft.session;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A command's standard output and error, as text for what graft prints and as bytes for an output a
 * user sent to {@code /dev/stdout} ({@code --report /dev/stdout}). Both views of a stream share it: the
 * byte view flushes the text view first, so what graft printed comes before.
 */
public record Streams(PrintWriter out, PrintWriter err, OutputStream stdout, OutputStream stderr) {

    /** Streams over these byte streams, text encoded as UTF-8. */
    public static Streams of(OutputStream stdout, OutputStream stderr) {
        return new Streams(writer(stdout), writer(stderr), stdout, stderr);
    }

    /** Streams that are text only (a test's {@code StringWriter}): bytes reach them decoded as UTF-8. */
    public static Streams ofText(PrintWriter out, PrintWriter err) {
        return new Streams(out, err, bytesInto(out), bytesInto(err));
    }

    /**
     * The stream behind standard descriptor {@code fd} (1 or 2), for writing bytes into; empty for any
     * other descriptor: graft writes only to the standard output and error it was given.
     */
    public Optional<OutputStream> descriptor(int fd) {
        return switch (fd) {
            case 1 -> Optional.of(flushingFirst(out, stdout));
            case 2 -> Optional.of(flushingFirst(err, stderr));
            default -> Optional.empty();
        };
    }

    public void flush() {
        out.flush();
        err.flush();
    }

    private static PrintWriter writer(OutputStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }

    /** Never closed by its user: closing {@code /dev/stdout} after a report must not close graft's stdout. */
    private static OutputStream flushingFirst(PrintWriter text, OutputStream bytes) {
        text.flush();
        return new FilterOutputStream(bytes) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static OutputStream bytesInto(Writer writer) {
        return new OutputStream() {
            private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

            @Override
            public void write(int b) {
                pending.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                pending.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                writer.write(pending.toString(StandardCharsets.UTF_8));
                writer.flush();
                pending.reset();
            }
        };
    }
}
