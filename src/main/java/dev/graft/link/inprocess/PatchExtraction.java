package dev.graft.link.inprocess;

import dev.graft.ir.Linkage;
import dev.graft.link.UnitPatch;
import dev.graft.llvm.LlvmException;
import dev.graft.llvm.Module;
import dev.graft.llvm.TargetMachine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cuts a unit's module, after inlining, down to what must be generated again: the functions the inliner
 * changed. Everything else of the unit is machine code rustc already wrote into its object, so it becomes a
 * declaration here, as ThinLTO treats what it imports: the crate's own definitions become
 * {@code available_externally} and LLVM's {@code elim-avail-extern} turns them into declarations of the same
 * symbols. Local symbols are the catch, since another object cannot name them: a changed local function gets a
 * hidden global name (and rustc's object is pointed at it), a local the new code still refers to is aliased
 * under a hidden global name in rustc's object, and a private constant whose address does not matter is copied.
 * Whatever this cannot express (a private symbol with no name in the object, aliases, comdats, constructors
 * the helpers bring) leaves the unit to be generated whole, which is always correct.
 */
final class PatchExtraction {

    /**
     * The answer: the patch, or why the unit is generated whole, and whether the module is still the whole unit
     * (the answer came before anything was cut, so its code can be generated as it is).
     */
    record Outcome(Optional<UnitPatch> patch, Optional<String> wholeUnitBecause, boolean moduleIntact) {
        static Outcome whole(String because) {
            return new Outcome(Optional.empty(), Optional.of(because), false);
        }

        static Outcome wholeAsItIs(String because) {
            return new Outcome(Optional.empty(), Optional.of(because), true);
        }
    }

    /** The crate's own definitions, recorded before the helpers are linked in. */
    record OwnDefinitions(Set<String> names) {
        static OwnDefinitions of(Module crate) {
            return new OwnDefinitions(crate.globals().stream().filter(g -> !g.declaration())
                    .map(Module.GlobalValue::name).collect(Collectors.toUnmodifiableSet()));
        }
    }

    private PatchExtraction() {
    }

    /**
     * Why the unit cannot be patched, known before anything is inlined: aliases (another name for a definition
     * would have to move with it) and helpers that bring constructors or {@code llvm.used} entries, which the
     * patch would drop with the crate's own.
     */
    static Optional<String> unpatchable(Module crate, Module helpers) {
        if (crate.hasAliases()) {
            return Optional.of("the unit has aliases");
        }
        if (helpers.variables().stream().anyMatch(v -> v.linkage() == Linkage.APPENDING)) {
            return Optional.of("the helpers have constructors or llvm.used entries");
        }
        return Optional.empty();
    }

    /**
     * Cuts {@code crate} down to the {@code changed} functions; {@code tag} makes the hidden names unique to the
     * unit. On a whole-unit answer the module may already be cut ({@link Outcome#moduleIntact} says whether).
     */
    static Outcome extract(Module crate, OwnDefinitions own, Set<String> changed, String tag, TargetMachine machine)
            throws LlvmException {
        // What inlining changed of the crate's own code: a helper inlined into another helper is the patch's anyway.
        changed = changed.stream().filter(own.names()::contains).collect(Collectors.toSet());
        if (changed.isEmpty()) {
            return Outcome.wholeAsItIs("inlining changed no function");
        }
        long ownFunctions = crate.functions().stream().filter(f -> own.names().contains(f.name())).count();
        if (changed.size() >= ownFunctions) {
            // Nothing of rustc's object would be kept: the whole unit is the same code without the edit.
            return Outcome.wholeAsItIs("inlining changed every function of the unit");
        }
        Map<String, String> replaced = new HashMap<>();
        Set<String> locals = new HashSet<>();
        Set<String> privates = new HashSet<>();
        for (Module.Function f : crate.functions()) {
            if (f.declaration()) {
                continue;
            }
            if (changed.contains(f.name())) {
                if (crate.inComdat(f)) {
                    return Outcome.whole(f.name() + " is in a comdat");
                }
                if (f.linkage() == Linkage.INTERNAL) {
                    String name = hiddenName(f.name(), tag);
                    replaced.put(f.name(), name);
                    crate.rename(f, name);
                    crate.setLinkage(f, Linkage.EXTERNAL);
                    crate.hide(f);
                } else if (f.linkage() == Linkage.EXTERNAL) {
                    replaced.put(f.name(), f.name());
                } else {
                    return Outcome.whole(f.name() + " has " + f.linkage().spelling() + " linkage");
                }
            } else if (own.names().contains(f.name())) {
                leaveToRustc(crate, f, locals, privates);
            }
        }
        for (Module.Variable v : crate.variables()) {
            if (v.linkage() == Linkage.APPENDING) {
                // Constructors and llvm.used: rustc's object has them, and they name what the patch no longer defines.
                crate.delete(v);
            } else if (!v.declaration() && own.names().contains(v.name())) {
                if (v.linkage().isLocal() && v.constant() && !v.addressMatters()) {
                    crate.leaveComdat(v); // copied: its address tells nobody anything
                } else {
                    leaveToRustc(crate, v, locals, privates);
                }
            }
        }
        crate.dropModuleAssembly(); // global_asm! is in rustc's object already
        crate.runPasses("elim-avail-extern,globaldce", machine);
        Map<String, String> aliased = new HashMap<>();
        for (Module.GlobalValue g : crate.globals()) {
            if (privates.contains(g.name())) {
                return Outcome.whole("the new code needs private " + g.name() + ", which has no symbol in rustc's "
                        + "object");
            }
            if (locals.contains(g.name())) {
                String name = hiddenName(g.name(), tag);
                aliased.put(g.name(), name);
                crate.rename(g, name);
                crate.hide(g);
            }
        }
        Optional<String> broken = crate.verify();
        if (broken.isPresent()) {
            throw new LlvmException("the unit's patch is not valid IR: " + broken.get());
        }
        return new Outcome(Optional.of(new UnitPatch(replaced, aliased)), Optional.empty(), false);
    }

    /** A hidden global name for a local symbol, unique to the unit (the tag) and telling where it came from. */
    static String hiddenName(String local, String tag) {
        return local + ".graft." + tag;
    }

    /** Makes a definition of the crate one this module only refers to, noting the local ones. */
    private static void leaveToRustc(Module crate, Module.GlobalValue g, Set<String> locals, Set<String> privates) {
        if (g.linkage() == Linkage.INTERNAL) {
            locals.add(g.name());
        } else if (g.linkage() == Linkage.PRIVATE) {
            privates.add(g.name());
        }
        crate.leaveComdat(g);
        crate.setLinkage(g, Linkage.AVAILABLE_EXTERNALLY);
    }
}
