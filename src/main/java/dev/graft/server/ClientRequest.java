package dev.graft.server;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a client asks the server to run: as if graft had been started with these in the client's place. */
record ClientRequest(String identity, Path workingDirectory, int umask, List<String> args,
                     Map<String, String> environment) {

    static final String VERSION = "2";

    /** A client of another wire version: this server steps aside for it, as for another identity. */
    static final class OtherWireVersion extends IOException {
        OtherWireVersion(String message) {
            super(message);
        }
    }

    /** Words: version, identity, directory, umask (octal), argc, argv..., envc, NAME=value... */
    static ClientRequest parse(List<String> words) throws IOException {
        try {
            if (!words.getFirst().equals(VERSION)) {
                throw new OtherWireVersion("wire version " + words.getFirst() + ", this server speaks " + VERSION);
            }
            String identity = words.get(1);
            Path directory = Path.of(words.get(2));
            int umask = Integer.parseInt(words.get(3), 8);
            int argc = Integer.parseInt(words.get(4));
            List<String> args = List.copyOf(words.subList(5, 5 + argc));
            int envAt = 5 + argc;
            int envc = Integer.parseInt(words.get(envAt));
            Map<String, String> environment = new HashMap<>();
            for (String entry : words.subList(envAt + 1, envAt + 1 + envc)) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    environment.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
            if (!directory.isAbsolute()) {
                throw new IOException("a working directory that is not absolute: " + directory);
            }
            if (umask < 0 || umask > 0777) {
                throw new IOException("a umask out of range: " + words.get(3));
            }
            return new ClientRequest(identity, directory, umask, args, Map.copyOf(environment));
        } catch (IndexOutOfBoundsException | NumberFormatException | java.util.NoSuchElementException e) {
            throw new IOException("a malformed request: " + e.getMessage(), e);
        }
    }
}
