package dev.graft.cargo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads back Rust's {@code Debug} rendering of a {@code std::process::Command} on Unix, as a build script
 * prints it: {@code [cd "DIR" && ][env -u KEY ][KEY="VALUE" ]["PROGRAM"] "ARG0" "ARG1" ...}, each word a
 * Rust string literal (backslash escapes for quotes, backslashes, control characters, other code points
 * as u-escapes, and bytes that are not UTF-8 as x-escapes).
 */
final class DebugCommand {

    private final String text;
    private int at;

    private DebugCommand(String text) {
        this.text = text;
    }

    /** The command's words (its program as {@code args[0]} first), or empty when the text is not one. */
    static Optional<List<String>> words(String text) {
        try {
            return Optional.of(new DebugCommand(text.strip()).read()).filter(words -> !words.isEmpty());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private List<String> read() {
        if (text.startsWith("cd \"")) {
            at = 3;
            literal();
            expect(" && ");
        }
        List<String> words = new ArrayList<>();
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == '"') {
                words.add(literal());
            } else if (c == '[' && words.isEmpty()) {
                // The program when it differs from args[0]: what runs, so what names the compiler.
                at++;
                String program = literal();
                expect("] ");
                words.add(program);
                literal();
            } else if (words.isEmpty()) {
                skipEnvironmentWord();
            } else {
                throw new IllegalArgumentException("a bare word after the program");
            }
            skipSpaces();
        }
        return words;
    }

    /** {@code env}, {@code -i}, {@code -u KEY}, {@code KEY="VALUE"}: what the command's environment changes. */
    private void skipEnvironmentWord() {
        while (at < text.length() && text.charAt(at) != ' ' && text.charAt(at) != '"') {
            at++;
        }
        if (at < text.length() && text.charAt(at) == '"') {
            if (text.charAt(at - 1) != '=') {
                throw new IllegalArgumentException("a quote inside a word");
            }
            literal();
        }
    }

    private void skipSpaces() {
        while (at < text.length() && text.charAt(at) == ' ') {
            at++;
        }
    }

    private void expect(String word) {
        if (!text.startsWith(word, at)) {
            throw new IllegalArgumentException("expected '" + word + "'");
        }
        at += word.length();
    }

    private String literal() {
        expect("\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (true) {
            if (at >= text.length()) {
                throw new IllegalArgumentException("an unterminated string");
            }
            char c = text.charAt(at++);
            if (c == '"') {
                return bytes.toString(StandardCharsets.UTF_8);
            }
            if (c != '\\') {
                int start = at - 1;
                int end = Character.isHighSurrogate(c) && at < text.length() ? ++at : at;
                bytes.writeBytes(text.substring(start, end).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            char escape = text.charAt(at++);
            switch (escape) {
                case 'n' -> bytes.write('\n');
                case 'r' -> bytes.write('\r');
                case 't' -> bytes.write('\t');
                case '0' -> bytes.write(0);
                case '\\', '"', '\'' -> bytes.write(escape);
                case 'x' -> {
                    bytes.write(Integer.parseInt(text.substring(at, at + 2), 16));
                    at += 2;
                }
                case 'u' -> {
                    int close = text.indexOf('}', at);
                    int codePoint = Integer.parseInt(text.substring(at + 1, close), 16);
                    bytes.writeBytes(new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8));
                    at = close + 1;
                }
                default -> throw new IllegalArgumentException("an unknown escape \\" + escape);
            }
        }
    }
}
