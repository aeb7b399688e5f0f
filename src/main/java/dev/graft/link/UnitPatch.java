package dev.graft.link;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A codegen unit's object regenerated in part: the new object holds only the functions inlining changed
 * (and the private constants they use), and rustc's object of the unit is kept for everything else. Both
 * maps go from a symbol of rustc's object to the name the new object uses for it.
 *
 * @param replaced functions the new object defines: rustc's copies go, and what referred to them refers to
 *                 the new ones. A global keeps its name; a local one gets a hidden global name, since
 *                 another object cannot reach a local symbol.
 * @param aliased  local symbols of rustc's object that the new code refers to: they stay where they are and get
 *                 a hidden global alias of this name.
 */
public record UnitPatch(Map<String, String> replaced, Map<String, String> aliased) {

    public UnitPatch {
        replaced = Collections.unmodifiableMap(new TreeMap<>(replaced));
        aliased = Collections.unmodifiableMap(new TreeMap<>(aliased));
    }

    /** From each name the patch uses to the name the symbol has in rustc's object. */
    public Map<String, String> originalNames() {
        Map<String, String> original = new HashMap<>();
        replaced.forEach((symbol, name) -> original.put(name, symbol));
        aliased.forEach((symbol, name) -> original.put(name, symbol));
        return original;
    }
}
