package dev.graft.ir;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gives every helper definition (an external-linkage {@code define}) the policy's linkage, editing
 * the text at token offsets only.
 *
 * <ul>
 *   <li>external definitions: become {@code linkonce_odr} or {@code internal}; for {@code internal},
 *       {@code hidden}/{@code protected} and {@code dllexport} are dropped, because LLVM requires local
 *       symbols to have default visibility and no DLL storage class;</li>
 *   <li>{@code internal}/{@code private} (C {@code static}) and {@code available_externally}
 *       (gnu {@code extern inline}): unchanged;</li>
 *   <li>{@code weak}, {@code weak_odr}, {@code linkonce}, {@code linkonce_odr}, {@code common}: unchanged and
 *       listed as skipped: a weak definition may be overridden at link time, and an ODR copy inlined
 *       into a crate would silently bypass the override;</li>
 *   <li>declarations, aliases, ifuncs: unchanged;</li>
 *   <li>non-local global variable definitions: unchanged, listed in
 *       {@link PatchResult#externalGlobals()} (each crate would define its own copy);</li>
 *   <li>local mutable globals (function-local {@code static}s): unchanged, with a warning (each crate that
 *       links the helper gets its own copy of the variable).</li>
 * </ul>
 */
public final class LinkagePatcher {

    private record Edit(int start, int end, String replacement) {
    }

    private LinkagePatcher() {
    }

    public static PatchResult patch(String irText, LinkagePolicy policy) throws IrParseException {
        IrModuleScan scan = IrModuleScan.of(irText);
        List<Edit> edits = new ArrayList<>();
        List<String> patched = new ArrayList<>();
        List<SkippedDefinition> skipped = new ArrayList<>();
        for (FunctionDefinition f : scan.definitions()) {
            switch (f.linkage()) {
                case EXTERNAL -> {
                    patched.add(f.name());
                    edits.addAll(helperEdits(irText, f, policy));
                }
                case PRIVATE, INTERNAL, AVAILABLE_EXTERNALLY -> {
                }
                default -> skipped.add(new SkippedDefinition(f.name(), f.linkage(), f.linkage().spelling()
                        + " definition left as it is: it may be overridden at link time, and an inlined copy "
                        + "would bypass the override"));
            }
        }
        List<String> externalGlobals = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (GlobalVariable g : scan.globals()) {
            if (!g.definition() || g.isAliasOrIfunc()) {
                continue;
            }
            if (!g.linkage().isLocal()) {
                externalGlobals.add(g.name());
            } else if (g.mutable()) {
                warnings.add("@" + g.name() + " is a mutable static variable: every crate that links a helper "
                        + "using it gets its own copy");
            }
        }
        skipped.forEach(s -> warnings.add("@" + s.name() + ": " + s.reason()));
        return new PatchResult(apply(irText, edits), patched, skipped, externalGlobals, warnings);
    }

    private static List<Edit> helperEdits(String text, FunctionDefinition f, LinkagePolicy policy) {
        List<Edit> edits = new ArrayList<>();
        String linkage = policy.linkage().spelling();
        if (f.linkageToken().isPresent()) {
            Token written = f.linkageToken().get();
            edits.add(new Edit(written.offset(), written.end(), linkage));
        } else {
            edits.add(new Edit(f.defineToken().end(), f.defineToken().end(), " " + linkage));
        }
        if (policy == LinkagePolicy.INTERNAL) {
            f.visibility().filter(v -> !v.text().equals("default")).ifPresent(v -> edits.add(removal(text, v)));
            f.dllStorage().ifPresent(d -> edits.add(removal(text, d)));
        }
        return edits;
    }

    /** Removes a token and the blanks after it. */
    private static Edit removal(String text, Token t) {
        int end = t.end();
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end++;
        }
        return new Edit(t.offset(), end, "");
    }

    private static String apply(String text, List<Edit> edits) {
        StringBuilder out = new StringBuilder(text);
        List<Edit> ordered = new ArrayList<>(edits);
        ordered.sort(Comparator.comparingInt(Edit::start).reversed());
        for (Edit e : ordered) {
            out.replace(e.start(), e.end(), e.replacement());
        }
        return out.toString();
    }
}
