package dev.graft.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * This JVM's command line, environment and working directory as the kernel holds them: bytes. Java
 * decodes them without a word when they are not UTF-8 (a file name becomes another file name), and
 * graft hands its environment to rustc and clang as text, so such bytes would change on the way. graft
 * refuses them with one line instead, as rustc refuses an argument that is not Unicode; the server's
 * client checks the same before it sends a request.
 */
final class ProcessText {

    private ProcessText() {
    }

    /** Why the last {@code argc} arguments, the environment or the directory cannot be taken; empty when they can. */
    static Optional<String> firstNotUnicode(int argc) {
        List<byte[]> args = entries(Path.of("/proc/self/cmdline"));
        for (int i = Math.max(0, args.size() - argc); i < args.size(); i++) {
            if (!utf8(args.get(i))) {
                return Optional.of("argument " + (i - (args.size() - argc) + 1) + " is not valid UTF-8");
            }
        }
        for (byte[] entry : entries(Path.of("/proc/self/environ"))) {
            if (!utf8(entry)) {
                String name = new String(entry, StandardCharsets.ISO_8859_1);
                name = name.substring(0, Math.max(0, name.indexOf('=')));
                return Optional.of("the environment variable " + name + " is not valid UTF-8; graft passes its "
                        + "environment to rustc and clang as text and would change it");
            }
        }
        return workingDirectoryBytes().filter(bytes -> !utf8(bytes))
                .map(bytes -> "the working directory's path is not valid UTF-8");
    }

    static boolean utf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** NUL-separated entries of a /proc file; none where it cannot be read (not Linux). */
    private static List<byte[]> entries(Path file) {
        List<byte[]> entries = new ArrayList<>();
        try {
            byte[] bytes = Files.readAllBytes(file);
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    entries.add(java.util.Arrays.copyOfRange(bytes, start, i));
                    start = i + 1;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Nothing to check.
        }
        return entries;
    }

    /** The directory's bytes: a path's URI escapes the bytes the kernel gave, where its text decodes them. */
    private static Optional<byte[]> workingDirectoryBytes() {
        try {
            String escaped = Files.readSymbolicLink(Path.of("/proc/self/cwd")).toUri().getRawPath();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < escaped.length(); i++) {
                char c = escaped.charAt(i);
                if (c == '%' && i + 2 < escaped.length()) {
                    bytes.write(Integer.parseInt(escaped.substring(i + 1, i + 3), 16));
                    i += 2;
                } else {
                    bytes.write(c);
                }
            }
            return Optional.of(bytes.toByteArray());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
