package dev.graft.ir;

/**
 * One lexical token of LLVM IR. {@code text} is the exact source text; {@code offset} its position
 * in the input, so edits can be made without re-printing anything.
 */
public record Token(Kind kind, String text, int offset, int line, int column) {

    public enum Kind {
        /** {@code @name}, {@code @"quoted name"}, {@code @0}. */
        GLOBAL_ID,
        /** {@code %name}, {@code %"quoted"}, {@code %0}. */
        LOCAL_ID,
        /** {@code !name}, {@code !0}. A bare {@code !} (before {@code {} or a string) is {@link #PUNCTUATION}. */
        METADATA_ID,
        /** {@code #0}, and debug records such as {@code #dbg_value}. */
        ATTRIBUTE_GROUP_ID,
        /** {@code $name}, {@code $"quoted"}: comdat names. */
        COMDAT_ID,
        /** {@code "..."} and {@code c"..."}. LLVM strings escape with {@code \xx} hex, never {@code \"}. */
        STRING,
        /** Keywords, types, numbers, labels' names: anything made of word characters. */
        WORD,
        /** {@code ( ) [ ] { } < > , = * : ! | ^ ...}. */
        PUNCTUATION
    }

    public boolean is(Kind k, String s) {
        return kind == k && text.equals(s);
    }

    public boolean isWord(String s) {
        return is(Kind.WORD, s);
    }

    public boolean isPunctuation(String s) {
        return is(Kind.PUNCTUATION, s);
    }

    public int end() {
        return offset + text.length();
    }

    /** The name a {@code @}/{@code %}/{@code $} identifier denotes: quotes removed, {@code \xx} escapes decoded. */
    public String identifierName() {
        String body = text.substring(1);
        if (body.startsWith("\"") && body.endsWith("\"") && body.length() >= 2) {
            return unescape(body.substring(1, body.length() - 1));
        }
        return body;
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                out.append('\\');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
