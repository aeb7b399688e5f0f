package dev.graft.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits LLVM textual IR into {@link Token}s, skipping white space and {@code ;} comments. Follows
 * LLVM's LLLexer where it matters for graft: strings and quoted names run to the next double quote
 * (IR escapes a quote as {@code \22}), so {@code define} or {@code ;} inside them is never code.
 */
public final class IrLexer {

    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;

    private IrLexer(String text) {
        this.text = text;
    }

    public static List<Token> tokenize(String text) throws IrParseException {
        return new IrLexer(text).run();
    }

    private List<Token> run() throws IrParseException {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= text.length()) {
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                pos++;
                line++;
                lineStart = pos;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == ';') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private Token next() throws IrParseException {
        int start = pos;
        int startLine = line;
        int column = pos - lineStart + 1;
        char c = text.charAt(pos);
        Token.Kind kind;
        switch (c) {
            case '@' -> kind = sigil(Token.Kind.GLOBAL_ID);
            case '%' -> kind = sigil(Token.Kind.LOCAL_ID);
            case '$' -> kind = sigil(Token.Kind.COMDAT_ID);
            case '#' -> {
                pos++;
                if (pos >= text.length() || !isWordChar(text.charAt(pos))) {
                    throw new IrParseException(startLine, column, "expected an attribute group number after '#'");
                }
                word();
                kind = Token.Kind.ATTRIBUTE_GROUP_ID;
            }
            case '!' -> {
                pos++;
                if (pos < text.length() && (isWordChar(text.charAt(pos)) || text.charAt(pos) == '\\')) {
                    word();
                    kind = Token.Kind.METADATA_ID;
                } else {
                    kind = Token.Kind.PUNCTUATION;
                }
            }
            case '"' -> {
                string();
                kind = Token.Kind.STRING;
            }
            default -> {
                if (c == 'c' && pos + 1 < text.length() && text.charAt(pos + 1) == '"') {
                    pos++;
                    string();
                    kind = Token.Kind.STRING;
                } else if (isWordChar(c)) {
                    word();
                    kind = Token.Kind.WORD;
                } else if ("()[]{}<>,=*:|^".indexOf(c) >= 0) {
                    pos++;
                    kind = Token.Kind.PUNCTUATION;
                } else {
                    throw new IrParseException(startLine, column, "unexpected character '" + c + "'");
                }
            }
        }
        return new Token(kind, text.substring(start, pos), start, startLine, column);
    }

    /** After a sigil: a quoted name, or a run of word characters (names and numbers alike). */
    private Token.Kind sigil(Token.Kind kind) throws IrParseException {
        int column = pos - lineStart + 1;
        pos++;
        if (pos < text.length() && text.charAt(pos) == '"') {
            string();
        } else if (pos < text.length() && isWordChar(text.charAt(pos))) {
            word();
        } else {
            throw new IrParseException(line, column, "expected a name after '" + text.charAt(pos - 1) + "'");
        }
        return kind;
    }

    private void string() throws IrParseException {
        int column = pos - lineStart + 1;
        int startLine = line;
        pos++;
        while (pos < text.length() && text.charAt(pos) != '"') {
            if (text.charAt(pos) == '\n') {
                line++;
                lineStart = pos + 1;
            }
            pos++;
        }
        if (pos >= text.length()) {
            throw new IrParseException(startLine, column, "unterminated string");
        }
        pos++;
    }

    private void word() {
        while (pos < text.length() && isWordChar(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$' || c == '-' || c == '+'
                || c == '\\';
    }
}
