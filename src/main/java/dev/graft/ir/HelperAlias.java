package dev.graft.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An external alias of a function ({@code int rust_helper_plus(int, int) __attribute__((alias("rust_helper_add")))})
 * made a helper of its own: a function with its aliasee's header (type, parameter and return attributes,
 * calling convention, attribute groups) whose body calls the aliasee. An alias is not a function: LLVM's
 * inliner does not look through a call to one, and a crate's reference to it would not be linked in.
 * The wrapper is inlined like any helper, and its aliasee with it. Unlike the alias, it has an address
 * of its own.
 */
final class HelperAlias {

    /** Header words that say where and how the aliasee is linked: the wrapper gets the helpers' linkage instead. */
    private static final Set<String> LINKING_WORDS = Set.of("dso_local", "dso_preemptable", "unnamed_addr",
            "local_unnamed_addr", "default", "hidden", "protected", "dllexport", "dllimport");

    private HelperAlias() {
    }

    /** The wrapper that replaces {@code alias}, or empty when graft cannot make one (the alias is then refused). */
    static Optional<String> wrapper(GlobalVariable alias, IrModuleScan scan, String irText, Linkage linkage)
            throws IrParseException {
        if (!alias.kind().equals("alias") || alias.linkage() != Linkage.EXTERNAL || alias.operands().size() != 1) {
            return Optional.empty();
        }
        Optional<FunctionDefinition> aliasee = scan.definition(alias.operands().getFirst());
        if (aliasee.isEmpty() || !(aliasee.get().linkage() == Linkage.EXTERNAL || aliasee.get().linkage().isLocal())
                || !compact(alias.valueType()).equals(compact(aliasee.get().signature().toString()))) {
            return Optional.empty();
        }
        return Optional.of(wrapper(alias.name(), aliasee.get(), irText, linkage));
    }

    private static String wrapper(String name, FunctionDefinition aliasee, String irText, Linkage linkage)
            throws IrParseException {
        int headerStart = aliasee.defineToken().offset();
        int lineEnd = irText.indexOf('\n', aliasee.nameToken().offset());
        List<Token> header = IrLexer.tokenize(irText.substring(headerStart, lineEnd < 0 ? irText.length() : lineEnd));
        int nameAt = 0;
        while (!header.get(nameAt).text().equals(aliasee.nameToken().text())) {
            nameAt++;
        }
        StringBuilder front = new StringBuilder();
        StringBuilder callPrefix = new StringBuilder();
        for (Token t : header.subList(1, nameAt)) {
            if (t.kind() == Token.Kind.WORD && (LINKING_WORDS.contains(t.text())
                    || Linkage.fromSpelling(t.text()).isPresent())) {
                continue;
            }
            front.append(' ').append(t.text());
            if (t.kind() == Token.Kind.WORD && t.text().matches("\\w*cc")) {
                callPrefix.append(t.text()).append(' ');
            }
        }
        List<String> parameters = new ArrayList<>();
        int depth = 0;
        int i = nameAt + 2;
        StringBuilder parameter = new StringBuilder();
        for (; depth > 0 || !header.get(i).isPunctuation(")"); i++) {
            Token t = header.get(i);
            if (depth == 0 && t.isPunctuation(",")) {
                parameters.add(parameter.toString());
                parameter.setLength(0);
                continue;
            }
            parameter.append(parameter.isEmpty() ? "" : " ").append(t.text());
            depth += IrModuleScan.nesting(t);
        }
        if (!parameter.isEmpty()) {
            parameters.add(parameter.toString());
        }
        String list = String.join(", ", parameters);
        FunctionSignature type = aliasee.signature();
        boolean returnsVoid = type.returnType().equals("void");
        // A variadic function can pass its own variable arguments on only by a musttail call of an explicit type.
        String call = (type.variadic() ? "musttail call " : "call ") + callPrefix
                + (type.variadic() ? type.returnType() + " " + functionType(type) : type.returnType()) + " "
                + aliasee.nameToken().text() + "(" + list + ")";
        return "define " + linkage.spelling() + front + " " + globalName(name) + "(" + list + ")"
                + String.join("", aliasee.attributeGroups().stream().map(g -> " " + g).toList()) + " {\n"
                + (returnsVoid ? "  " + call + "\n  ret void\n" : "  %graft.result = " + call + "\n  ret "
                + type.returnType() + " %graft.result\n") + "}";
    }

    /** {@code i32 (i32, ...)}: the type a call to a variadic function must spell out. */
    private static String functionType(FunctionSignature type) {
        String parameters = String.join(", ", type.parameterTypes());
        return "(" + parameters + (parameters.isEmpty() ? "..." : ", ...") + ")";
    }

    private static String compact(String type) {
        return type.replace(" ", "");
    }

    private static String globalName(String name) {
        if (name.matches("[-a-zA-Z$._][-a-zA-Z$._0-9]*")) {
            return "@" + name;
        }
        StringBuilder quoted = new StringBuilder("@\"");
        for (char c : name.toCharArray()) {
            quoted.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? String.format("\\%02X", (int) c)
                    : String.valueOf(c));
        }
        return quoted.append('"').toString();
    }
}
