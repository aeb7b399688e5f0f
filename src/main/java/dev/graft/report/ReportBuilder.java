package dev.graft.report;

import dev.graft.ir.CallSite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Joins what the crate asked for (helper call sites in its bitcode) with what the object holds
 * (calls to helpers left in its code, helper symbols it still defines) and LLVM's remarks.
 */
public final class ReportBuilder {

    /** The facts of one build that the report is made from. */
    public record BuildFacts(String backend, String llvmVersion, String crate, Set<String> availableHelpers,
                             Set<String> referencedHelpers, List<CallSite> helperCallSites,
                             List<InlineRemark> remarks, List<Reconciliation> reconciliations,
                             Map<String, Long> timingsMs, Optional<InliningReport.CodeGeneration> codeGeneration) {
    }

    private ReportBuilder() {
    }

    public static InliningReport build(BuildFacts facts, ObjectContents object) {
        Set<String> helpers = facts.availableHelpers();
        Map<String, Integer> sitesPerHelper = new TreeMap<>();
        facts.referencedHelpers().forEach(h -> sitesPerHelper.put(h, 0));
        facts.helperCallSites().forEach(c -> sitesPerHelper.merge(c.callee(), 1, Integer::sum));

        Map<String, Integer> leftPerHelper = new TreeMap<>();
        List<InliningReport.NotInlined> notInlined = new ArrayList<>();
        for (ObjectContents.CodeReference ref : object.references()) {
            // A helper's address taken is no call site: the crate's bitcode counts calls only, and the copy
            // that the address needs stays in the object (helper_symbols_in_object) with any inliner.
            if (ref.use() == ObjectContents.Use.CALL && helpers.contains(ref.target())
                    && !helpers.contains(ref.function())) {
                leftPerHelper.merge(ref.target(), 1, Integer::sum);
                notInlined.add(new InliningReport.NotInlined(ref.function(), ref.target(),
                        reasonFor(ref, facts.remarks())));
            }
        }

        int total = facts.helperCallSites().size();
        int inlined = 0;
        // A call to a helper the crate never calls came with another helper's inlined code (a helper that calls
        // it, or an alias's wrapper): that call site did not get all of its helper's code in line.
        int broughtIn = 0;
        leftPerHelper.keySet().forEach(h -> sitesPerHelper.putIfAbsent(h, 0));
        List<InliningReport.HelperOutcome> perHelper = new ArrayList<>();
        for (Map.Entry<String, Integer> e : sitesPerHelper.entrySet()) {
            int left = leftPerHelper.getOrDefault(e.getKey(), 0);
            inlined += Math.max(0, e.getValue() - left);
            broughtIn += e.getValue() == 0 ? left : 0;
            perHelper.add(new InliningReport.HelperOutcome(e.getKey(), e.getValue(), left));
        }
        inlined = Math.max(0, inlined - broughtIn);
        Set<String> symbolsLeft = new TreeSet<>(object.definedSymbols());
        symbolsLeft.retainAll(helpers);
        return new InliningReport(facts.backend(), facts.llvmVersion(), facts.crate(),
                new InliningReport.HelperCounts(helpers.size(), facts.referencedHelpers().size()),
                new InliningReport.CallSiteCounts(total, inlined), notInlined, List.copyOf(symbolsLeft), perHelper,
                facts.reconciliations(), new LinkedHashMap<>(facts.timingsMs()), null,
                facts.codeGeneration().orElse(null));
    }

    /** LLVM's words for a helper that clang compiled at -O0 (or that its C declares noinline). */
    private static final String NOINLINE = "noinline function attribute";

    private static String reasonFor(ObjectContents.CodeReference ref, List<InlineRemark> remarks) {
        String reason = remarkFor(ref, remarks);
        return reason.contains(NOINLINE) ? reason + " (compiled at -O0? clang makes every function noinline there: "
                + "add -O2 to the helpers' flags; graft helpers warns when they have none)" : reason;
    }

    private static String remarkFor(ObjectContents.CodeReference ref, List<InlineRemark> remarks) {
        return remarks.stream()
                .filter(r -> !r.inlined() && r.callee().equals(ref.target()) && r.caller().equals(ref.function()))
                .map(InlineRemark::fullReason).findFirst()
                .or(() -> remarks.stream().filter(r -> !r.inlined() && r.callee().equals(ref.target()))
                        .map(InlineRemark::fullReason).findFirst())
                .orElse("no inliner remark (the call may have been created after inlining ran, or the "
                        + "optimisation level does not inline)");
    }
}
