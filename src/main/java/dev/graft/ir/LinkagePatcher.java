package dev.graft.ir;

import dev.graft.cache.Sha256;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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
 *   <li>declarations: unchanged;</li>
 *   <li>external aliases of a function of the same type: replaced by a helper that calls the aliasee
 *       ({@link HelperAlias}), since LLVM neither links nor inlines a call to an alias as a function;</li>
 *   <li>non-local global variable definitions, internal mutable ones (C {@code static}s), constructors and
 *       other external aliases or ifuncs: unchanged, and listed in the {@link PatchResult} for the caller
 *       to refuse: each crate would get its own copy of the variable or run the constructor again.</li>
 *   <li>local data kept by {@code llvm.used}/{@code llvm.compiler.used} ({@code __attribute__((used))}: the
 *       kernel's {@code .modinfo} strings, {@code __ADDRESSABLE}'s pointers): linked into every crate
 *       object that inlines a helper of the library, as llvm-link links them. Allowed when a copy cannot
 *       change what the C means: constant data, or data in a {@code .discard*} section, which linkers drop;
 *       noted for the user. Mutable data elsewhere is refused as a static variable.</li>
 *   <li>local constants whose address a program can see (no {@code unnamed_addr}): one copy per program,
 *       shared by every crate ({@link #shareConstants}).</li>
 *   <li>a mutable static of a {@code static} function (a header's {@code static inline}, like the kernel's
 *       lock class keys in {@code init_completion}): allowed and noted, since C already gives every file
 *       using that function its own copy. A static of a helper itself stays refused.</li>
 * </ul>
 */
public final class LinkagePatcher {

    private record Edit(int start, int end, String replacement) {
    }

    /** The appending arrays of module constructors and destructors. */
    private static final Set<String> CONSTRUCTOR_LISTS = Set.of("llvm.global_ctors", "llvm.global_dtors");

    /** The appending arrays that keep otherwise unreferenced globals alive. */
    private static final Set<String> USED_LISTS = Set.of("llvm.used", "llvm.compiler.used");

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
        List<String> staticVariables = new ArrayList<>();
        List<String> constructors = new ArrayList<>();
        List<String> aliases = new ArrayList<>();
        List<String> compilerState = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> kept = new LinkedHashSet<>();
        scan.globals().stream().filter(g -> USED_LISTS.contains(g.name())).forEach(g -> kept.addAll(g.operands()));
        List<String> carried = new ArrayList<>();
        List<String> localFunctionStatics = new ArrayList<>();
        List<GlobalVariable> shared = new ArrayList<>();
        for (GlobalVariable g : scan.globals()) {
            boolean keptLocalData = kept.contains(g.name()) && g.definition() && g.linkage().isLocal()
                    && !g.isAliasOrIfunc();
            if (CONSTRUCTOR_LISTS.contains(g.name())) {
                g.operands().stream().filter(f -> scan.definition(f).isPresent() && !constructors.contains(f))
                        .forEach(constructors::add);
            } else if (USED_LISTS.contains(g.name())) {
                continue;
            } else if (keptLocalData && (!g.mutable() || g.discardedByLinker())) {
                carried.add("@" + g.name() + g.section().map(s -> " (" + s + ")").orElse(""));
            } else if (sharedConstant(g)) {
                shared.add(g);
            } else if (!g.definition() || g.linkage().isLocal() && !g.mutable()) {
                continue;
            } else if (g.isAliasOrIfunc()) {
                Optional<String> wrapper = HelperAlias.wrapper(g, scan, irText, policy.linkage());
                if (wrapper.isPresent()) {
                    patched.add(g.name());
                    edits.add(new Edit(g.start(), g.end(), wrapper.get()));
                    notes.add("@" + g.name() + ": an alias of @" + g.operands().getFirst() + ", made a helper that "
                            + "calls it (inlined with it; its address is its own)");
                } else if (!g.linkage().isLocal()) {
                    aliases.add(g.kind().equals("ifunc") ? g.name() + " (an ifunc)"
                            : g.name() + " (an alias of " + String.join(", ", g.operands()) + ")");
                }
            } else if (!g.linkage().isLocal()) {
                externalGlobals.add(g.name());
            } else if (g.linkage() == Linkage.INTERNAL && ownedByLocalFunction(g, scan)) {
                localFunctionStatics.add("@" + g.name());
            } else if (g.linkage() == Linkage.INTERNAL) {
                staticVariables.add(g.name());
            } else {
                compilerState.add(g.name());
            }
        }
        List<String> warnings = new ArrayList<>(notes);
        if (!localFunctionStatics.isEmpty()) {
            warnings.add("static variables of static functions (a header's static inline, usually) go into every "
                    + "crate object that inlines a helper using them, as C gives every file including the header "
                    + "its own: " + listed(localFunctionStatics));
        }
        if (!carried.isEmpty()) {
            warnings.add("unreferenced data kept with __attribute__((used)) go into every crate object that "
                    + "inlines a helper of this library, as llvm-link would put them: "
                    + listed(carried));
        }
        // C statics are internal; private mutable globals are the compiler's own (a sanitizer's source locations).
        compilerState.forEach(name -> warnings.add("@" + name + " is mutable data the compiler added: every crate "
                + "that links a helper using it gets its own copy"));
        skipped.forEach(s -> warnings.add("@" + s.name() + ": " + s.reason()));
        String comdats = shared.isEmpty() ? "" : shareConstants(irText, shared, edits);
        return new PatchResult(apply(irText, edits) + comdats, patched, skipped, externalGlobals, staticVariables,
                constructors, aliases, warnings);
    }

    /**
     * What {@code llvm-link --internalize} does to the helpers linked into a crate, and only to them: the shared
     * constants ({@link #shareConstants}) it would make a private copy per crate keep their linkage.
     */
    public static String internalize(String irText, Set<String> helpers) throws IrParseException {
        List<Edit> edits = new ArrayList<>();
        for (FunctionDefinition f : IrModuleScan.of(irText).definitions()) {
            if (helpers.contains(f.name()) && (f.linkage() == Linkage.EXTERNAL || f.linkage() == Linkage.LINKONCE_ODR)) {
                edits.addAll(helperEdits(irText, f, LinkagePolicy.INTERNAL));
            }
        }
        return apply(irText, edits);
    }

    /** A local constant whose address a program can see, clang-named (an unnamed {@code @0} keeps its number). */
    private static boolean sharedConstant(GlobalVariable g) {
        return g.definition() && g.linkage().isLocal() && !g.mutable() && !g.isAliasOrIfunc()
                && g.addressSignificant() && !g.name().chars().allMatch(Character::isDigit);
    }

    /**
     * One copy per program of the constants a helper may give the address of, as C++ does for an inline
     * variable: each becomes {@code linkonce_odr hidden} in a comdat of its own, named after the library's
     * content ({@code @graft.<digest>.table}) so that every crate inlining a helper of this library refers to
     * the same symbol, the linker keeps one, and another library's {@code table} stays another object. A copy
     * per crate would give two crates two addresses for what C makes one object. Hidden, as a C
     * {@code static} is never exported from a shared library. Returns the comdat declarations to append.
     */
    private static String shareConstants(String irText, List<GlobalVariable> shared, List<Edit> edits)
            throws IrParseException {
        String prefix = "graft." + new Sha256().add(irText).hex().substring(0, 16) + ".";
        Map<String, String> renamed = new HashMap<>();
        StringBuilder comdats = new StringBuilder("\n");
        for (GlobalVariable g : shared) {
            String name = prefix + g.name();
            String quoted = SIMPLE_NAME.matcher(name).matches() ? name : "\"" + escape(name) + "\"";
            renamed.put(g.name(), quoted);
            List<Token> qualifiers = g.qualifiers();
            String kept = qualifiers.stream().filter(t -> !(t.kind() == Token.Kind.WORD
                    && (Linkage.fromSpelling(t.text()).isPresent() || DROPPED_QUALIFIERS.contains(t.text()))))
                    .map(Token::text).collect(Collectors.joining(" "));
            edits.add(new Edit(qualifiers.getFirst().offset(), qualifiers.getLast().end(),
                    "linkonce_odr hidden" + (kept.isEmpty() ? "" : " " + kept)));
            edits.add(new Edit(g.end(), g.end(), ", comdat"));
            comdats.append("$").append(quoted).append(" = comdat any\n");
        }
        for (Token t : IrLexer.tokenize(irText)) {
            if (t.kind() == Token.Kind.GLOBAL_ID && renamed.containsKey(t.identifierName())) {
                edits.add(new Edit(t.offset(), t.end(), "@" + renamed.get(t.identifierName())));
            }
        }
        return comdats.toString();
    }

    /** What a global's name may be unquoted in IR. */
    private static final Pattern SIMPLE_NAME = Pattern.compile(
            "[-a-zA-Z$._][-a-zA-Z$._0-9]*");

    /** Visibility and preemption a linkonce_odr hidden symbol replaces. */
    private static final Set<String> DROPPED_QUALIFIERS = Set.of("dso_local", "dso_preemptable", "default", "hidden",
            "protected");

    private static String escape(String name) {
        StringBuilder out = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e) {
                out.append(String.format("\\%02X", (int) c & 0xff));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A function-local static (clang names it {@code @function.variable}) of a function that is not a helper:
     * a {@code static} or {@code static inline} function, which C already copies into every file using it.
     * A static of a helper itself is shared by all its callers in C, and stays refused.
     */
    private static boolean ownedByLocalFunction(GlobalVariable g, IrModuleScan scan) {
        int dot = g.name().indexOf('.');
        // A digit after the dot is a rename, not a variable: llvm-link makes a second file's 'static int
        // counter' @counter.1, a file-scope static shared by that file's helpers.
        if (dot <= 0 || dot + 1 >= g.name().length() || !Character.isJavaIdentifierStart(g.name().charAt(dot + 1))) {
            return false;
        }
        String owner = g.name().substring(0, dot);
        // No such function: a static inline one that was inlined everywhere and dropped (a helper never is).
        return scan.definition(owner).map(f -> f.linkage().isLocal()).orElse(true);
    }

    private static String listed(List<String> names) {
        int shown = Math.min(names.size(), 6);
        return String.join(", ", names.subList(0, shown))
                + (names.size() > shown ? " and " + (names.size() - shown) + " more" : "");
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
