package dev.graft.link;

import dev.graft.ir.CallSite;
import dev.graft.report.InlineRemark;
import dev.graft.report.Reconciliation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a backend learned while linking: which helpers the library offers and which the crate references, the helper call sites
 * in the crate before inlining, LLVM's inlining remarks, the attributes graft reconciled, and the time
 * of each step in milliseconds; and, when the object written holds only the functions inlining changed, the
 * patch that says how it joins rustc's object of the unit, or, when a patch was asked for and the whole unit was
 * generated instead, why ({@code wholeUnitBecause}).
 */
public record LinkResult(String llvmVersion, Set<String> availableHelpers, Set<String> referencedHelpers, List<CallSite> helperCallSites,
                         List<InlineRemark> remarks, List<Reconciliation> reconciliations,
                         Map<String, Long> timingsMs, Optional<UnitPatch> patch, Optional<String> wholeUnitBecause) {

    public LinkResult {
        availableHelpers = Set.copyOf(availableHelpers);
        referencedHelpers = Set.copyOf(referencedHelpers);
        helperCallSites = List.copyOf(helperCallSites);
        remarks = List.copyOf(remarks);
        reconciliations = List.copyOf(reconciliations);
        timingsMs = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
    }

    /** The same result of a unit generated whole, with the reason a patch was not made. */
    public LinkResult generatedWholeBecause(String reason) {
        return new LinkResult(llvmVersion, availableHelpers, referencedHelpers, helperCallSites, remarks,
                reconciliations, timingsMs, Optional.empty(), Optional.of(reason));
    }
}
