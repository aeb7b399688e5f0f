package dev.graft.link.inprocess;

import dev.graft.ir.CallSite;
import dev.graft.link.inprocess.TargetFeatures.FeatureClass;
import dev.graft.report.Reconciliation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The words of attribute reconciliation: what graft changed and why (the report's {@code reconciliations}),
 * and what still blocks a call ({@link Blocker}s, appended to LLVM's reason). Decisions are made elsewhere
 * ({@link AttributeRule#TABLE}, {@link AttributeReconciler}); this only says them.
 */
final class ReconciliationWords {

    private ReconciliationWords() {
    }

    /** The rule's attribute copied from the helper to its caller. */
    static Reconciliation copied(AttributeRule rule, CallSite call, String attribute) {
        return Reconciliation.byGraft(call.caller(), attribute, "added, as on " + call.callee(), rule.why());
    }

    /** LLVM's merge rules changed {@code attribute} of {@code caller} as it inlined a helper. */
    static Reconciliation mergedByLlvm(String caller, String attribute, Optional<String> old, String now) {
        return Reconciliation.byLlvm(caller, attribute, old.map(o -> "changed from " + o + " to " + now).orElse("added"),
                "LLVM gives a caller this attribute of a callee it inlines (stack protection, stack probes, vector "
                        + "width, jump tables)");
    }

    /** Features switched off in the helper because nothing in its code is affected by them. */
    static Reconciliation switchedOff(CallSite call, Set<String> unused) {
        Set<String> what = new TreeSet<>();
        for (String f : unused) {
            // A feature of no class is unused only where code has no FP or vector value either (see useOf).
            FeatureClass c = FeatureClass.of(f) == FeatureClass.INDIRECT_BRANCH_MITIGATION
                    ? FeatureClass.INDIRECT_BRANCH_MITIGATION : FeatureClass.FLOATING_POINT_AND_VECTOR;
            what.add(AttributeRule.forFeatures(c).why());
        }
        return Reconciliation.byGraft(call.callee(), "target-features", "switched off "
                + String.join(", ", unused.stream().map(f -> "+" + f).toList()) + " to match " + call.caller(),
                "the helper's code has nothing these features change (" + String.join(", ", what)
                        + ", no inline assembly)");
    }

    /** --caller-features-from-helpers gave the caller {@code needed} (and the helper's CPU, replacing {@code oldCpu}). */
    static Reconciliation raisedCaller(CallSite call, Optional<String> oldCpu, TargetFeatures helper, Set<String> needed) {
        return Reconciliation.byGraft(call.caller(), oldCpu.isPresent() ? "target-cpu/target-features" : "target-features",
                oldCpu.map(cpu -> "CPU " + cpu + " became " + helper.cpu() + ", ").orElse("") + "added "
                        + CallerTarget.plus(needed) + ", as on " + call.callee(),
                "--caller-features-from-helpers: the program requires the helpers' target (" + CallerTarget.describe(
                        helper) + "), so the caller may use these features as the helper's own code does");
    }

    /** The helper wraps always_inline {@code wrapped}, so it became alwaysinline. */
    static Reconciliation keptIntent(CallSite call, String wrapped) {
        return Reconciliation.byGraft(call.callee(), "alwaysinline", "added", "the helper calls always_inline "
                + wrapped + " (found by graft helpers): the C author's promise, kept for the "
                + "wrapper; calls a missing target feature affects stay out of line");
    }

    static Reconciliation alignedWithCaller(CallSite call) {
        return Reconciliation.byGraft(call.callee(), "target-cpu/target-features", "set to "
                + call.caller() + "'s", "--ignore-target-compat: the helper is compiled as its caller is");
    }

    static Reconciliation forced(CallSite call) {
        return Reconciliation.byGraft(call.callee(), "alwaysinline", "added", "--force-inline");
    }

    static Reconciliation tuningFollowed(CallSite call, String tuning) {
        return Reconciliation.byGraft(call.callee(), "tune-cpu", "set to " + tuning + ", as on "
                + call.caller(), "tuning decides how code is scheduled, never what it computes");
    }

    /** The helper was compiled as its caller (it had {@code missing} the caller lacks). */
    static Reconciliation compiledAsCaller(CallSite call, TargetFeatures helper, Set<String> missing,
                                           boolean indirectBranches) {
        String was = (helper.cpu().isEmpty() ? "" : "CPU " + helper.cpu())
                + (missing.isEmpty() ? "" : (helper.cpu().isEmpty() ? "" : " with ")
                + CallerTarget.plus(missing) + " the caller lacks");
        return Reconciliation.byGraft(call.callee(), "target-cpu/target-features", "set to " + call.caller()
                        + "'s" + (was.isEmpty() ? "" : " (was " + was + ")"),
                "the helper's code has no inline assembly instruction, no target intrinsic and no floating-point or vector "
                        + "value" + (indirectBranches ? ", and no mitigation to lose" : "") + ": "
                        + AttributeRule.forFeatures(FeatureClass.OTHER).why());
    }

    static String slowerInLine(String intrinsic, String feature) {
        return "the helper's " + intrinsic + " is one " + feature + " instruction; compiled for its caller it would "
                + "be a bit-counting sequence, slower in line than the call";
    }

    /** The remark for a call graft marked noinline because a missing feature affects its helper's code. */
    static String keptOutOfLine(boolean forced, List<String> hazards, String fix) {
        return "graft kept it out of line although inlining was " + (forced ? "forced" : "asked for (always_inline)")
                + ": the caller lacks " + String.join(", ", hazards) + fix;
    }

    /** Features grouped by what in the helper's code depends on them: {@code +f, +g (the helper has ...)}. */
    static List<String> grouped(Map<String, List<String>> featuresByUse) {
        List<String> lines = new ArrayList<>();
        featuresByUse.forEach((use, features) -> lines.add(String.join(", ", features) + " (" + use + ")"));
        return lines;
    }

    /** What graft found may still block a call, in one clause each, joined as the report shows them. */
    static String explain(List<Blocker> blockers) {
        return String.join("; ", blockers.stream().map(ReconciliationWords::clause).toList());
    }

    static String clause(Blocker blocker) {
        return switch (blocker) {
            case Blocker.MissingFeatures m -> "the helper needs target features its caller lacks: "
                    + String.join(", ", grouped(m.featuresByUse()));
            case Blocker.OtherCpu c -> "the helper is built for CPU " + c.helperCpu() + ", the caller for "
                    + c.callerCpu();
            case Blocker.CrateFlags f -> CallerTarget.fix(f.helper(), f.caller(), f.needed());
            case Blocker.OneSided o -> o.attribute() + " is on the " + (o.onHelper() ? "helper" : "caller")
                    + " only: " + o.rule().why();
            case Blocker.ValuesDiffer v -> v.attribute() + " differs (" + v.helper().orElse("default")
                    + " in the helper, " + v.caller().orElse("default") + " in the caller): " + v.rule().why();
            case Blocker.CannotForce ignored ->
                    "--force-inline cannot apply: the helper is noinline/optnone (compiled at -O0?)";
        };
    }
}
