package dev.graft.link.inprocess;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What graft found that may still keep a helper call out of line after reconciliation, as data: the report
 * appends it, in {@link ReconciliationWords}' words, to LLVM's own reason when LLVM leaves the call.
 */
sealed interface Blocker {

    /** Features the helper has and its caller lacks, grouped by what in the helper's code depends on them. */
    record MissingFeatures(Map<String, List<String>> featuresByUse) implements Blocker {
        public MissingFeatures {
            featuresByUse = Collections.unmodifiableMap(new LinkedHashMap<>(featuresByUse)); // in the order found
        }
    }

    /** The two were built for different CPUs. */
    record OtherCpu(String helperCpu, String callerCpu) implements Blocker {
    }

    /** The rustc flags that would give the crate what the helper needs. */
    record CrateFlags(TargetFeatures helper, TargetFeatures caller, Set<String> needed) implements Blocker {
        public CrateFlags {
            needed = Set.copyOf(needed);
        }
    }

    /** An attribute of a rule LLVM holds caller and callee equal in is on one side only. */
    record OneSided(AttributeRule rule, String attribute, boolean onHelper) implements Blocker {
    }

    /** A string attribute of such a rule has different values (empty: absent, LLVM's default). */
    record ValuesDiffer(AttributeRule rule, String attribute, Optional<String> helper, Optional<String> caller)
            implements Blocker {
    }

    /** {@code --force-inline} cannot apply to a helper that is {@code noinline} or {@code optnone}. */
    record CannotForce() implements Blocker {
    }
}
