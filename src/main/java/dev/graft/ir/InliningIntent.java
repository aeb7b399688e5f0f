package dev.graft.ir;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The C author's inlining intent, carried over to a helper: a helper whose body calls an
 * {@code always_inline} function makes the same promise as that function (the kernel later wrote
 * {@code __rust_helper} = {@code __always_inline} on every helper by hand for this reason).
 *
 * <p>The intent is only visible before clang's always-inliner has run, so {@link #wrappers} reads IR
 * compiled with {@code -Xclang -disable-llvm-passes}; {@link #mark} then records it on the optimised
 * helper as the string attribute {@value #ATTRIBUTE} (naming the function it wraps), not as
 * {@code alwaysinline}: LLVM inlines an {@code alwaysinline} callee even into a caller that lacks its
 * target features (measured with LLVM 22: an SSE4.2 intrinsic then stops code generation), so only the
 * in-process backend, which keeps such calls out of line first, turns the mark into {@code alwaysinline}.
 */
public final class InliningIntent {

    /** The string attribute that records which always_inline function a helper wraps. */
    public static final String ATTRIBUTE = "graft-wraps-always-inline";

    /** What {@link #mark} did: the IR with the marks, and one note per helper, marked or not. */
    public record Marked(String irText, List<String> marked, List<String> notes) {
        public Marked {
            marked = List.copyOf(marked);
            notes = List.copyOf(notes);
        }
    }

    private InliningIntent() {
    }

    /**
     * External definitions in unoptimised IR whose body directly calls a function with {@code alwaysinline},
     * each with the first such callee.
     */
    public static Map<String, String> wrappers(String unoptimizedIr) throws IrParseException {
        IrModuleScan scan = IrModuleScan.of(unoptimizedIr);
        Set<String> alwaysInline = new HashSet<>();
        Map<String, FunctionAttributes> headers = FunctionAttributes.of(unoptimizedIr);
        headers.forEach((name, attributes) -> {
            if (attributes.has("alwaysinline")) {
                alwaysInline.add(name);
            }
        });
        Set<String> external = new HashSet<>();
        for (FunctionDefinition f : scan.definitions()) {
            if (f.linkage() == Linkage.EXTERNAL) {
                external.add(f.name());
            }
        }
        Map<String, String> wrappers = new LinkedHashMap<>();
        for (CallSite call : scan.callSites()) {
            if (external.contains(call.caller()) && alwaysInline.contains(call.callee())
                    && !call.caller().equals(call.callee())) {
                wrappers.putIfAbsent(call.caller(), call.callee());
            }
        }
        return wrappers;
    }

    /** Records {@link #ATTRIBUTE} on each wrapper still defined in {@code irText} that may be inlined at all. */
    public static Marked mark(String irText, Map<String, String> wrappers) throws IrParseException {
        Map<String, FunctionAttributes> headers = FunctionAttributes.of(irText);
        List<Edit> edits = new ArrayList<>();
        List<String> marked = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, String> w : wrappers.entrySet()) {
            FunctionAttributes header = headers.get(w.getKey());
            if (header == null) {
                continue;
            }
            if (header.has("noinline") || header.has("optnone")) {
                notes.add("@" + w.getKey() + " calls always_inline @" + w.getValue() + " but is noinline/optnone "
                        + "(compiled at -O0?): its calls stay out of line");
                continue;
            }
            String text = " \"" + ATTRIBUTE + "\"=\"" + w.getValue() + "\"";
            edits.add(new Edit(header.insertAt(), text));
            marked.add(w.getKey());
            notes.add("@" + w.getKey() + " calls always_inline @" + w.getValue() + ": marked to be inlined as "
                    + "it is (alwaysinline in process, where its caller has its target features)");
        }
        edits.sort((a, b) -> Integer.compare(b.offset(), a.offset()));
        StringBuilder out = new StringBuilder(irText);
        for (Edit e : edits) {
            out.insert(e.offset(), e.text());
        }
        return new Marked(out.toString(), marked, notes);
    }

    private record Edit(int offset, String text) {
    }

    /**
     * A definition's function attributes: the words and attribute groups between its parameter list and
     * its body, with the groups resolved, and where a new attribute may be written (right after the
     * parameter list's {@code unnamed_addr} and address space, where LLVM's grammar puts attributes).
     */
    private record FunctionAttributes(Set<String> words, int insertAt) {

        boolean has(String word) {
            return words.contains(word);
        }

        static Map<String, FunctionAttributes> of(String irText) throws IrParseException {
            List<Token> tokens = IrLexer.tokenize(irText);
            Map<String, Set<String>> groups = new HashMap<>();
            Map<String, List<String>> groupRefs = new LinkedHashMap<>();
            Map<String, Set<String>> direct = new LinkedHashMap<>();
            Map<String, Integer> insertAt = new HashMap<>();
            int depth = 0;
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (depth == 0 && t.isWord("attributes") && i + 3 < tokens.size()
                        && tokens.get(i + 1).kind() == Token.Kind.ATTRIBUTE_GROUP_ID) {
                    Set<String> words = new HashSet<>();
                    int j = i + 4; // attributes #N = {
                    for (; j < tokens.size() && !tokens.get(j).isPunctuation("}"); j++) {
                        if (tokens.get(j).kind() == Token.Kind.WORD) {
                            words.add(tokens.get(j).text());
                        }
                    }
                    groups.put(tokens.get(i + 1).text(), words);
                    i = j;
                } else if (depth == 0 && t.isWord("define")) {
                    i = header(tokens, i, groupRefs, direct, insertAt);
                } else {
                    depth = Math.max(0, depth + IrModuleScan.nesting(t));
                }
            }
            Map<String, FunctionAttributes> result = new HashMap<>();
            direct.forEach((name, words) -> {
                Set<String> all = new HashSet<>(words);
                groupRefs.get(name).forEach(g -> all.addAll(groups.getOrDefault(g, Set.of())));
                result.put(name, new FunctionAttributes(all, insertAt.get(name)));
            });
            return result;
        }

        /** Reads one definition's header; returns the index of its body's closing brace. */
        private static int header(List<Token> tokens, int at, Map<String, List<String>> groupRefs,
                                  Map<String, Set<String>> direct, Map<String, Integer> insertAt)
                throws IrParseException {
            int i = at + 1;
            while (i < tokens.size() && tokens.get(i).kind() != Token.Kind.GLOBAL_ID) {
                i++;
            }
            if (i + 1 >= tokens.size()) {
                throw IrModuleScan.error(tokens.get(at), "expected the function's @name after 'define'");
            }
            String name = IrModuleScan.functionName(tokens.get(i));
            int depth = 0;
            i++;
            do {
                depth += IrModuleScan.nesting(tokens.get(i));
                i++;
            } while (depth > 0 && i < tokens.size());
            int insert = tokens.get(i - 1).end();
            List<String> refs = new ArrayList<>();
            Set<String> words = new HashSet<>();
            for (; i < tokens.size() && !tokens.get(i).isPunctuation("{"); i++) {
                Token t = tokens.get(i);
                if (t.isWord("unnamed_addr") || t.isWord("local_unnamed_addr")) {
                    insert = t.end();
                } else if (t.isWord("addrspace") && i + 3 < tokens.size()) {
                    insert = tokens.get(i + 3).end(); // addrspace ( N )
                    i += 3;
                } else if (t.kind() == Token.Kind.ATTRIBUTE_GROUP_ID) {
                    refs.add(t.text());
                } else if (t.kind() == Token.Kind.WORD) {
                    words.add(t.text());
                }
            }
            groupRefs.put(name, refs);
            direct.put(name, words);
            insertAt.put(name, insert);
            depth = 0;
            do {
                depth += IrModuleScan.nesting(tokens.get(i));
                i++;
            } while (depth > 0 && i < tokens.size());
            return i - 1;
        }
    }
}
