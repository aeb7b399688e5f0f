package dev.graft.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One message between client and server: a type byte, a 4-byte big-endian length, the payload. Lists
 * of strings travel as NUL-terminated UTF-8 words. The types are listed below
 * and in {@code client/graft-client.c}.
 */
record Frame(byte type, byte[] payload) {

    // The client names each type alike (client/graft-client.c, enum frame_type: FRAME_ and the name here);
    // WireConstantsTest holds the two lists to one another.

    /** Client to server: run a command (version, identity, directory, argv, environment). */
    static final byte REQUEST = 'R';
    /** Client to server: report the server's state. */
    static final byte STATUS = '?';
    /** Client to server: stop once the running requests are done. */
    static final byte STOP = 'K';
    /** Client to server: the command the server asked the client to run ended with this status. */
    static final byte CHILD_EXIT = 'X';
    /** Client to server: the client was interrupted; cancel the request. */
    static final byte CANCEL = 'C';
    /** Server to client: the request runs now (a connection that ends before this ran nothing: try again). */
    static final byte ACCEPTED = 'A';
    /** Server to client: bytes for standard output / standard error. */
    static final byte STDOUT = 'O';
    static final byte STDERR = 'E';
    /** Server to client: run this command (directory, argv, environment additions) as your child. */
    static final byte SPAWN = 'S';
    /** Server to client: the request is over; exit with this status. */
    static final byte EXIT = 'Q';
    /** Server to client: I am of another graft build or toolchain; start a new server and ask it. */
    static final byte REPLACED = 'T';
    /** Server to client: refused (another uid, a bad request); the payload says why. */
    static final byte REFUSED = 'F';

    static final int MAX_PAYLOAD = 64 << 20;

    static Frame of(byte type, String text) {
        return new Frame(type, text.getBytes(StandardCharsets.UTF_8));
    }

    static Frame ofStatus(byte type, int status) {
        return new Frame(type, ByteBuffer.allocate(4).putInt(status).array());
    }

    static Frame ofWords(byte type, List<String> words) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String word : words) {
            bytes.writeBytes(word.getBytes(StandardCharsets.UTF_8));
            bytes.write(0);
        }
        return new Frame(type, bytes.toByteArray());
    }

    int status() throws IOException {
        if (payload.length != 4) {
            throw new IOException("a status frame of " + payload.length + " bytes");
        }
        return ByteBuffer.wrap(payload).getInt();
    }

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The payload's words; a word that is not UTF-8 is refused (the client checks this before it sends). */
    List<String> words() throws IOException {
        List<String> words = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8.newDecoder();
        int start = 0;
        for (int i = 0; i < payload.length; i++) {
            if (payload[i] == 0) {
                try {
                    words.add(decoder.decode(ByteBuffer.wrap(payload, start, i - start)).toString());
                } catch (java.nio.charset.CharacterCodingException e) {
                    throw new IOException("a word that is not UTF-8", e);
                }
                start = i + 1;
            }
        }
        if (start != payload.length) {
            throw new EOFException("a word list that does not end in NUL");
        }
        return words;
    }
}
