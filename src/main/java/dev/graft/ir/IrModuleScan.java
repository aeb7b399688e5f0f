package dev.graft.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The top-level entities of a textual IR module and the direct calls in its function bodies.
 * Entities are recognised by their leading tokens at nesting depth 0 ({@code define}, {@code declare},
 * {@code @name =}); function bodies are skipped by matching braces, so nothing inside a body, a
 * string, a comment or a quoted name is ever mistaken for an entity.
 */
public record IrModuleScan(List<FunctionDefinition> definitions, List<FunctionDeclaration> declarations,
                           List<GlobalVariable> globals, List<CallSite> callSites) {

    private static final Set<String> VISIBILITIES = Set.of("default", "hidden", "protected");
    private static final Set<String> DLL_STORAGE = Set.of("dllexport", "dllimport");
    private static final Set<String> GLOBAL_KINDS = Set.of("global", "constant", "alias", "ifunc");
    private static final Set<String> CALLS = Set.of("call", "invoke", "callbr");

    public IrModuleScan {
        definitions = List.copyOf(definitions);
        declarations = List.copyOf(declarations);
        globals = List.copyOf(globals);
        callSites = List.copyOf(callSites);
    }

    public static IrModuleScan of(String irText) throws IrParseException {
        return new Scanner(IrLexer.tokenize(irText)).scan();
    }

    /** The facts a link needs, in the form libLLVM's reader gives them too. */
    public ModuleFacts facts() {
        java.util.Set<String> declared = new java.util.HashSet<>();
        declarations.forEach(d -> declared.add(d.name()));
        return new ModuleFacts(definitions.stream().map(d -> new ModuleFacts.Definition(d.name(), d.linkage(),
                d.signature())).toList(), declarations, callSites.stream().filter(c -> declared.contains(c.callee()))
                .sorted(java.util.Comparator.comparing(CallSite::caller).thenComparing(CallSite::callee)).toList());
    }

    public Optional<FunctionDefinition> definition(String name) {
        return definitions.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    private static final class Scanner {
        private final List<Token> tokens;
        private final List<FunctionDefinition> definitions = new ArrayList<>();
        private final List<FunctionDeclaration> declarations = new ArrayList<>();
        private final List<GlobalVariable> globals = new ArrayList<>();
        private final List<CallSite> callSites = new ArrayList<>();

        Scanner(List<Token> tokens) {
            this.tokens = tokens;
        }

        IrModuleScan scan() throws IrParseException {
            int depth = 0;
            int i = 0;
            while (i < tokens.size()) {
                Token t = tokens.get(i);
                if (depth == 0 && t.isWord("define")) {
                    i = define(i);
                } else if (depth == 0 && t.isWord("declare")) {
                    i = declare(i);
                } else if (depth == 0 && t.kind() == Token.Kind.GLOBAL_ID && i + 1 < tokens.size()
                        && tokens.get(i + 1).isPunctuation("=")) {
                    i = global(i);
                } else {
                    depth = Math.max(0, depth + nesting(t));
                    i++;
                }
            }
            return new IrModuleScan(definitions, declarations, globals, callSites);
        }

        private int define(int at) throws IrParseException {
            Token define = tokens.get(at);
            int i = at + 1;
            Optional<Token> linkageToken = Optional.empty();
            Linkage linkage = Linkage.EXTERNAL;
            if (i < tokens.size() && tokens.get(i).kind() == Token.Kind.WORD) {
                Optional<Linkage> l = Linkage.fromSpelling(tokens.get(i).text());
                if (l.isPresent()) {
                    linkage = l.get();
                    linkageToken = Optional.of(tokens.get(i));
                    i++;
                }
            }
            Optional<Token> visibility = Optional.empty();
            Optional<Token> dll = Optional.empty();
            int depth = 0;
            while (true) {
                Token t = token(i, define, "expected the function's @name after 'define'");
                if (depth == 0 && t.kind() == Token.Kind.GLOBAL_ID) {
                    break;
                }
                if (depth == 0 && t.kind() == Token.Kind.WORD && VISIBILITIES.contains(t.text())) {
                    visibility = Optional.of(t);
                } else if (depth == 0 && t.kind() == Token.Kind.WORD && DLL_STORAGE.contains(t.text())) {
                    dll = Optional.of(t);
                }
                depth += nesting(t);
                i++;
            }
            int nameIndex = i;
            Token name = tokens.get(i++);
            if (!token(i, name, "expected '(' after the function name").isPunctuation("(")) {
                throw error(tokens.get(i), "expected '(' after " + name.text());
            }
            boolean variadic = false;
            depth = 0;
            do {
                Token t = token(i, name, "unterminated argument list");
                variadic |= depth == 1 && t.isWord("...");
                depth += nesting(t);
                i++;
            } while (depth > 0);
            boolean comdat = false;
            Optional<String> section = Optional.empty();
            List<String> attributeGroups = new ArrayList<>();
            depth = 0;
            while (true) {
                Token t = token(i, name, "expected the body of " + name.text());
                if (depth == 0 && t.isPunctuation("{")) {
                    break;
                }
                comdat |= depth == 0 && t.isWord("comdat");
                if (depth == 0 && t.kind() == Token.Kind.ATTRIBUTE_GROUP_ID) {
                    attributeGroups.add(t.text());
                }
                if (depth == 0 && t.isWord("section") && i + 1 < tokens.size()
                        && tokens.get(i + 1).kind() == Token.Kind.STRING) {
                    String quoted = tokens.get(i + 1).text();
                    section = Optional.of(Token.unescape(quoted.substring(1, quoted.length() - 1)));
                }
                depth += nesting(t);
                i++;
            }
            definitions.add(new FunctionDefinition(functionName(name), linkage, linkageToken, define, name,
                    visibility, dll, comdat, section, variadic, SignatureReader.read(tokens, nameIndex),
                    attributeGroups));
            return body(i, functionName(name));
        }

        /** Skips a body from its '{', collecting the direct calls in it; returns the index after its '}'. */
        private int body(int open, String caller) throws IrParseException {
            int depth = 0;
            int i = open;
            do {
                Token t = token(i, tokens.get(open), "unterminated function body");
                if (t.kind() == Token.Kind.WORD && CALLS.contains(t.text())
                        && !(i + 1 < tokens.size() && tokens.get(i + 1).isPunctuation(":"))) {
                    callee(i).ifPresent(callee -> callSites.add(new CallSite(caller, callee)));
                }
                depth += nesting(t);
                i++;
            } while (depth > 0);
            return i;
        }

        /** The direct callee of the call instruction at {@code at}: the first {@code @name(} at its own depth. */
        private Optional<String> callee(int at) {
            int line = tokens.get(at).line();
            int depth = 0;
            for (int i = at + 1; i + 1 < tokens.size() && tokens.get(i).line() == line; i++) {
                Token t = tokens.get(i);
                if (depth == 0 && tokens.get(i + 1).isPunctuation("(")) {
                    if (t.kind() == Token.Kind.GLOBAL_ID) {
                        return Optional.of(functionName(t));
                    }
                    if (t.kind() == Token.Kind.LOCAL_ID) {
                        return Optional.empty();
                    }
                }
                if (depth == 0 && t.isWord("asm")) {
                    return Optional.empty();
                }
                depth += nesting(t);
            }
            return Optional.empty();
        }

        private int declare(int at) throws IrParseException {
            int depth = 0;
            for (int i = at + 1; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (depth == 0 && t.kind() == Token.Kind.GLOBAL_ID) {
                    if (i + 1 >= tokens.size() || !tokens.get(i + 1).isPunctuation("(")) {
                        throw error(t, "expected '(' after " + t.text());
                    }
                    declarations.add(new FunctionDeclaration(functionName(t), SignatureReader.read(tokens, i)));
                    return i + 1;
                }
                depth += nesting(t);
            }
            throw error(tokens.get(at), "expected the function's @name after 'declare'");
        }

        private int global(int at) throws IrParseException {
            Token name = tokens.get(at);
            int i = at + 2;
            String linkageWord = i < tokens.size() && tokens.get(i).kind() == Token.Kind.WORD
                    ? tokens.get(i).text() : "";
            Linkage linkage = Linkage.fromSpelling(linkageWord).orElse(Linkage.EXTERNAL);
            int depth = 0;
            for (; i < tokens.size() && tokens.get(i).line() == name.line(); i++) {
                Token t = tokens.get(i);
                if (depth == 0 && t.kind() == Token.Kind.WORD && GLOBAL_KINDS.contains(t.text())) {
                    boolean aliasOrIfunc = t.text().equals("alias") || t.text().equals("ifunc");
                    boolean definition = aliasOrIfunc
                            || !(linkageWord.equals("external") || linkageWord.equals("extern_weak"));
                    globals.add(new GlobalVariable(functionName(name), linkage, t.text(), definition,
                            aliasOrIfunc ? valueType(i + 1) : "", operands(i + 1), section(i + 1),
                            tokens.subList(at + 2, i), name.offset(), lastOnLine(i).end()));
                    return i + 1;
                }
                depth += nesting(t);
            }
            throw error(name, "expected global, constant, alias or ifunc after '" + name.text() + " ='");
        }

        /** An alias's or ifunc's type: the tokens from {@code from} to the first ',' at its own depth. */
        private String valueType(int from) {
            StringBuilder type = new StringBuilder();
            if (from >= tokens.size()) {
                return "";
            }
            int depth = 0;
            for (int i = from; i < tokens.size() && tokens.get(i).line() == tokens.get(from).line(); i++) {
                Token t = tokens.get(i);
                if (depth == 0 && t.isPunctuation(",")) {
                    break;
                }
                type.append(type.isEmpty() ? "" : " ").append(t.text());
                depth += nesting(t);
            }
            return type.toString();
        }

        /** The {@code section "..."} written on the line from {@code from} on, outside the initializer. */
        private Optional<String> section(int from) {
            int depth = 0;
            for (int i = from; i + 1 < tokens.size() && tokens.get(i).line() == tokens.get(from - 1).line(); i++) {
                Token t = tokens.get(i);
                if (depth == 0 && t.isWord("section") && tokens.get(i + 1).kind() == Token.Kind.STRING) {
                    String quoted = tokens.get(i + 1).text();
                    return Optional.of(Token.unescape(quoted.substring(1, quoted.length() - 1)));
                }
                depth += nesting(t);
            }
            return Optional.empty();
        }

        /** The globals named on the line from {@code from} on (an initializer or aliasee is printed on one line). */
        private List<String> operands(int from) {
            List<String> names = new ArrayList<>();
            for (int i = from; i < tokens.size() && tokens.get(i).line() == tokens.get(from - 1).line(); i++) {
                if (tokens.get(i).kind() == Token.Kind.GLOBAL_ID) {
                    names.add(functionName(tokens.get(i)));
                }
            }
            return names;
        }

        private Token lastOnLine(int at) {
            int i = at;
            while (i + 1 < tokens.size() && tokens.get(i + 1).line() == tokens.get(at).line()) {
                i++;
            }
            return tokens.get(i);
        }

        private Token token(int i, Token near, String problem) throws IrParseException {
            if (i >= tokens.size()) {
                throw error(near, problem + " (the text ends)");
            }
            return tokens.get(i);
        }
    }

    /** Object files drop the {@code \01} "do not mangle" prefix; so does graft, to compare names with them. */
    static String functionName(Token name) {
        String n = name.identifierName();
        return n.startsWith("\u0001") ? n.substring(1) : n;
    }

    static int nesting(Token t) {
        if (t.kind() != Token.Kind.PUNCTUATION) {
            return 0;
        }
        return switch (t.text()) {
            case "(", "[", "{", "<" -> 1;
            case ")", "]", "}", ">" -> -1;
            default -> 0;
        };
    }

    static IrParseException error(Token t, String problem) {
        return new IrParseException(t.line(), t.column(), problem);
    }
}
