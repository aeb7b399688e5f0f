package dev.graft.ir;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Edits of a module's function declarations in textual IR, at token offsets, so nothing else in the module
 * changes: renaming a global with its uses (as {@code LLVMSetValueName2} does), and turning a declaration
 * into a definition that keeps the declaration's attribute groups.
 */
public final class DeclarationEdits {

    private DeclarationEdits() {
    }

    /**
     * Replaces the top-level {@code declare} of {@code name} (its whole line) with {@code definition(groups)},
     * where {@code groups} are the declaration's function attribute group references ({@code "#0"}, or ""):
     * rustc's groups carry the crate's {@code "target-cpu"} and {@code "target-features"}.
     */
    public static String defineInPlace(String ir, String name, Function<String, String> definition)
            throws IrParseException {
        List<Token> tokens = IrLexer.tokenize(ir);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.isWord("declare") || t.column() != 1) {
                continue;
            }
            int j = i + 1;
            while (j < tokens.size() && tokens.get(j).kind() != Token.Kind.GLOBAL_ID
                    && tokens.get(j).line() == t.line()) {
                j++;
            }
            if (j == tokens.size() || !tokens.get(j).identifierName().equals(name)) {
                continue;
            }
            int end = ir.indexOf('\n', t.offset());
            end = end < 0 ? ir.length() : end;
            List<String> groups = new ArrayList<>();
            for (int k = j + 1; k < tokens.size() && tokens.get(k).offset() < end; k++) {
                if (tokens.get(k).kind() == Token.Kind.ATTRIBUTE_GROUP_ID) {
                    groups.add(tokens.get(k).text());
                }
            }
            return ir.substring(0, t.offset()) + definition.apply(String.join(" ", groups)) + ir.substring(end);
        }
        throw new IrParseException(0, 0, "the module declares no function " + name);
    }

    /** @param renames old name to new name, names as LLVM holds them (unquoted, unescaped) */
    public static String rename(String ir, Map<String, String> renames) throws IrParseException {
        if (renames.isEmpty()) {
            return ir;
        }
        List<Token> tokens = IrLexer.tokenize(ir);
        StringBuilder out = new StringBuilder(ir.length() + 64 * renames.size());
        int copied = 0;
        for (Token t : tokens) {
            if (t.kind() != Token.Kind.GLOBAL_ID) {
                continue;
            }
            String renamed = renames.get(t.identifierName());
            if (renamed != null) {
                out.append(ir, copied, t.offset()).append(quoted(renamed));
                copied = t.end();
            }
        }
        return out.append(ir, copied, ir.length()).toString();
    }

    /** A global's name as IR spells it, always quoted, with the characters IR escapes as {@code \xx}. */
    public static String quoted(String name) {
        StringBuilder quoted = new StringBuilder("@\"");
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            if (b == '"' || b == '\\' || b < 0x20 || b > 0x7e) {
                quoted.append('\\').append(String.format("%02X", b & 0xff));
            } else {
                quoted.append((char) b);
            }
        }
        return quoted.append('"').toString();
    }
}
