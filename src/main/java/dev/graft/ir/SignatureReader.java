package dev.graft.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link FunctionSignature} from the tokens of a {@code define} or {@code declare} header.
 * The return type is the type expression right before the name (attributes such as
 * {@code range(i32 0, 10)} come before it); each parameter starts with its type, attributes after.
 */
final class SignatureReader {

    private SignatureReader() {
    }

    /** @param name index of the {@code @name} token; the argument list's '(' follows it */
    static FunctionSignature read(List<Token> tokens, int name) {
        String returnType = typeEndingAt(tokens, name - 1);
        List<String> parameters = new ArrayList<>();
        boolean variadic = false;
        int i = name + 2;
        while (i < tokens.size() && !tokens.get(i).isPunctuation(")")) {
            if (tokens.get(i).isWord("...")) {
                variadic = true;
                i++;
            } else {
                int end = typeEnd(tokens, i);
                parameters.add(join(tokens, i, end));
                i = end;
            }
            // Skip the parameter's attributes and name, up to the ',' or ')' at this depth.
            int depth = 0;
            while (i < tokens.size() && !(depth == 0 && (tokens.get(i).isPunctuation(",")
                    || tokens.get(i).isPunctuation(")")))) {
                depth += IrModuleScan.nesting(tokens.get(i));
                i++;
            }
            if (i < tokens.size() && tokens.get(i).isPunctuation(",")) {
                i++;
            }
        }
        return new FunctionSignature(returnType, parameters, variadic);
    }

    /** The index after the type expression starting at {@code start}. */
    private static int typeEnd(List<Token> tokens, int start) {
        Token first = tokens.get(start);
        int i = start;
        if (first.isPunctuation("{") || first.isPunctuation("<") || first.isPunctuation("[")) {
            int depth = 0;
            do {
                depth += IrModuleScan.nesting(tokens.get(i));
                i++;
            } while (depth > 0 && i < tokens.size());
        } else {
            i++;
        }
        if (i + 1 < tokens.size() && tokens.get(i).isWord("addrspace") && tokens.get(i + 1).isPunctuation("(")) {
            i += 2;
            while (i < tokens.size() && !tokens.get(i).isPunctuation(")")) {
                i++;
            }
            i++;
        }
        return i;
    }

    /** The type expression whose last token is at {@code end}. */
    private static String typeEndingAt(List<Token> tokens, int end) {
        int start = end;
        Token last = tokens.get(end);
        if (last.isPunctuation(")") && end >= 3 && tokens.get(end - 2).isPunctuation("(")
                && tokens.get(end - 3).isWord("addrspace")) {
            start = end - 4;
        } else if (last.isPunctuation("}") || last.isPunctuation(">") || last.isPunctuation("]")) {
            int depth = 0;
            do {
                depth -= IrModuleScan.nesting(tokens.get(start));
                start--;
            } while (depth > 0 && start >= 0);
            start++;
            if (start > 0 && tokens.get(start).isPunctuation("{") && tokens.get(start - 1).isPunctuation("<")) {
                start--;
            }
        }
        return join(tokens, Math.max(start, 0), end + 1);
    }

    private static String join(List<Token> tokens, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(tokens.get(i).text());
        }
        return text.toString();
    }
}
