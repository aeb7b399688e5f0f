package dev.graft.link.inprocess;

import dev.graft.ir.CallSite;
import dev.graft.ir.InliningIntent;
import dev.graft.link.InliningOptions;
import dev.graft.link.inprocess.TargetFeatures.FeatureClass;
import dev.graft.llvm.Attributes;
import dev.graft.llvm.CodeFacts;
import dev.graft.llvm.LlvmException;
import dev.graft.llvm.Module;
import dev.graft.report.InlineRemark;
import dev.graft.report.Reconciliation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes a helper and its Rust callers agree where that is sound, so LLVM's inliner is not stopped by a
 * difference that cannot matter, and explains the differences that do. The rules (docs/reconciliation.md, "Attribute
 * reconciliation"):
 *
 * <ul>
 *   <li>Restrictions of the helper's are copied to the caller when that only makes the caller more
 *       careful: {@code "no-builtins"}/{@code "no-builtin-NAME"}, {@code null_pointer_is_valid}.</li>
 *   <li>A target feature the helper has and the caller lacks is switched off in the helper only where the
 *       helper's code provably cannot be affected by it, in line or out of line: retpolines and other
 *       indirect-branch mitigations when the helper has no indirect call or jump, and x87/SSE/AVX/soft-float
 *       when it has no floating-point or vector value, inline assembly or x86 intrinsic.</li>
 *   <li>When inlining is forced ({@link InliningOptions#forcing()}) or the helper is {@code alwaysinline}
 *       (written so, or wrapping an always_inline function, {@link InliningIntent}), a call to a helper whose
 *       code such a missing feature does change is marked {@code noinline}: {@code alwaysinline} skips LLVM's
 *       target check, and inlining a retpoline-built indirect call into code without retpolines would
 *       silently drop the mitigation.</li>
 *   <li>A helper built for another CPU, or with features graft cannot judge one by one, whose code depends on
 *       no target feature (no inline assembly, target intrinsic, floating-point or vector value, nor an
 *       indirect branch a mitigation guards) is compiled as its caller: its CPU, features and tuning become
 *       the caller's. Unless that makes it slower in line than out of line (a popcount that is one
 *       instruction only on its own CPU).</li>
 *   <li>A caller's explicit {@code "tune-cpu"} is given to its helpers: tuning decides scheduling only.</li>
 *   <li>With {@link InliningOptions#callerFeaturesFromHelpers()}, a caller instead gains the features its
 *       helper needs, and the helper's CPU when it has only the baseline one (keeping its tuning): the user
 *       says the program requires the helpers' target anyway.</li>
 *   <li>Everything else (sanitizers, safestack, shadowcallstack, strictfp, denormal modes, other features,
 *       the CPU) is left to LLVM and explained when LLVM refuses.</li>
 * </ul>
 */
final class AttributeReconciler {

    /**
     * What reconciliation did and found.
     *
     * @param changes       attributes graft changed
     * @param keptOutOfLine calls graft marked noinline, with the reason, as inliner remarks
     * @param explanations  for a caller/helper pair, the differences left that LLVM may refuse to inline over
     */
    record Outcome(List<Reconciliation> changes, List<InlineRemark> keptOutOfLine,
                   Map<CallSite, String> explanations) {
    }

    /** Attributes LLVM requires to be equal on caller and callee, and what to do about a difference. */
    private static final Map<String, String> MUST_MATCH = linked(
            "sanitize_address", "build the helpers and the crate with the same sanitizers",
            "sanitize_hwaddress", "build the helpers and the crate with the same sanitizers",
            "sanitize_memory", "build the helpers and the crate with the same sanitizers",
            "sanitize_thread", "build the helpers and the crate with the same sanitizers",
            "sanitize_memtag", "build the helpers and the crate with the same sanitizers",
            "safestack", "build both with safestack or neither",
            "shadowcallstack", "build both with the shadow call stack or neither",
            "strictfp", "a helper with strict floating point semantics cannot move into code without them");

    private final Module module;
    private final Attributes attributes;
    private final InliningOptions options;
    private final AttributeEditor edit;
    private final CompileAsCaller asCaller;
    private final List<InlineRemark> keptOutOfLine = new ArrayList<>();
    private final Map<CallSite, String> explanations = new LinkedHashMap<>();

    private AttributeReconciler(Module module, InliningOptions options) {
        this.module = module;
        this.attributes = module.attributes();
        this.options = options;
        this.edit = new AttributeEditor(module);
        this.asCaller = new CompileAsCaller(edit);
    }

    static Outcome reconcile(Module module, List<CallSite> helperCalls, InliningOptions options)
            throws LlvmException {
        AttributeReconciler reconciler = new AttributeReconciler(module, options);
        Set<String> forced = new TreeSet<>();
        for (CallSite call : new LinkedHashSet<>(helperCalls)) {
            Optional<Module.Function> caller = module.function(call.caller());
            Optional<Module.Function> helper = module.function(call.callee());
            if (caller.isEmpty() || helper.isEmpty() || helper.get().declaration()) {
                continue;
            }
            reconciler.reconcile(call, caller.get(), helper.get());
            if (options.forceInline() && forced.add(call.callee())) {
                reconciler.forceInline(call, helper.get());
            } else if (!options.forceInline() && reconciler.intent(helper.get()).isPresent()
                    && forced.add(call.callee())) {
                reconciler.keepIntent(call, helper.get());
            }
        }
        return new Outcome(List.copyOf(reconciler.edit.changes()), List.copyOf(reconciler.keptOutOfLine),
                Map.copyOf(reconciler.explanations));
    }

    private void reconcile(CallSite call, Module.Function caller, Module.Function helper) throws LlvmException {
        copyRestrictionsToCaller(call, caller, helper);
        List<String> why = new ArrayList<>(targetDifferences(call, caller, helper));
        for (Map.Entry<String, String> rule : MUST_MATCH.entrySet()) {
            boolean onHelper = edit.of(helper).has(rule.getKey());
            if (onHelper != edit.of(caller).has(rule.getKey())) {
                why.add(rule.getKey() + " is on the " + (onHelper ? "helper" : "caller") + " only: " + rule.getValue());
            }
        }
        Map<String, String> h = edit.of(helper).strings();
        Map<String, String> c = edit.of(caller).strings();
        for (String denormal : List.of("denormal-fp-math", "denormal-fp-math-f32")) {
            if (!h.getOrDefault(denormal, "").equals(c.getOrDefault(denormal, ""))) {
                why.add(denormal + " differs (" + h.getOrDefault(denormal, "default") + " in the helper, "
                        + c.getOrDefault(denormal, "default") + " in the caller)");
            }
        }
        if (!why.isEmpty()) {
            explanations.merge(call, String.join("; ", why), (a, b) -> a);
        }
    }

    private void copyRestrictionsToCaller(CallSite call, Module.Function caller, Module.Function helper)
            throws LlvmException {
        Map<String, String> callerStrings = edit.of(caller).strings();
        for (Map.Entry<String, String> a : edit.of(helper).strings().entrySet()) {
            boolean noBuiltin = a.getKey().equals("no-builtins") || a.getKey().startsWith("no-builtin-");
            if (noBuiltin && !callerStrings.containsKey(a.getKey())) {
                edit.setString(caller, a.getKey(), a.getValue());
                edit.note(Reconciliation.byGraft(call.caller(), a.getKey(), "added, as on " + call.callee(),
                        "LLVM inlines only a callee whose unavailable library functions the caller shares; the "
                                + "caller's code merely stops being turned into that library call"));
            }
        }
        copyStackProtector(call, caller, helper);
        if (edit.of(helper).has("null_pointer_is_valid") && !edit.of(caller).has("null_pointer_is_valid")) {
            edit.addEnum(caller, "null_pointer_is_valid");
            edit.note(Reconciliation.byGraft(call.caller(), "null_pointer_is_valid", "added, as on "
                    + call.callee(), "the caller no longer assumes address 0 is never accessed: fewer "
                    + "optimisations, never a different result (LLVM's own rule when it inlines such a callee)"));
        }
    }

    /**
     * LLVM raises a caller's stack protector to its callee's only if the caller has one at all, so a Rust
     * function (no protector) would take in a helper's stack buffers unguarded. Where the helper has stack
     * objects, the caller gets the helper's level: its own frame gains a canary, the helper's keeps one.
     */
    private void copyStackProtector(CallSite call, Module.Function caller, Module.Function helper)
            throws LlvmException {
        List<String> levels = List.of("sspreq", "sspstrong", "ssp");
        Optional<String> helperLevel = Optional.empty();
        for (String level : levels) {
            if (edit.of(helper).has(level)) {
                helperLevel = Optional.of(level);
                break;
            }
        }
        for (String level : levels) {
            if (edit.of(caller).has(level)) {
                return; // LLVM's own merge raises an existing level
            }
        }
        if (helperLevel.isEmpty() || !edit.facts(helper).stackObjects()) {
            return;
        }
        edit.addEnum(caller, helperLevel.get());
        String bufferSize = edit.of(helper).strings().get("stack-protector-buffer-size");
        if (bufferSize != null) {
            edit.setString(caller, "stack-protector-buffer-size", bufferSize);
        }
        edit.note(Reconciliation.byGraft(call.caller(), helperLevel.get(), "added, as on " + call.callee(),
                "the helper has stack objects its protector guards; inlined into a caller without one they would "
                        + "lose the canary"));
    }

    /** Aligns what is sound, guards what is not, and returns why the target attributes may still block. */
    private List<String> targetDifferences(CallSite call, Module.Function caller, Module.Function helper)
            throws LlvmException {
        asCaller.followCallersTuning(call, caller, helper);
        TargetFeatures helperFeatures = edit.features(helper);
        TargetFeatures callerFeatures = edit.features(caller);
        Set<String> missing = helperFeatures.missingIn(callerFeatures);
        String helperCpu = helperFeatures.cpu();
        String callerCpu = callerFeatures.cpu();
        boolean cpuDiffers = !helperCpu.isEmpty() && !callerCpu.isEmpty() && !helperCpu.equals(callerCpu);
        boolean unjudged = missing.stream().anyMatch(f -> FeatureClass.of(f) == FeatureClass.OTHER);
        Optional<CompileAsCaller.SlowerInLine> slower = cpuDiffers || unjudged ? asCaller.slowerInLine(helper, missing) : Optional.empty();
        if ((cpuDiffers || unjudged) && slower.isEmpty() && asCaller.independentOfTarget(helper, missing)) {
            asCaller.compile(call, caller, helper, helperFeatures, missing);
            return List.of();
        }
        CodeFacts code = missing.isEmpty() ? null : edit.facts(helper);
        Set<String> unused = new TreeSet<>();
        Map<String, List<String>> used = new LinkedHashMap<>(); // what in the helper's code -> features
        Map<String, List<String>> hazardous = new LinkedHashMap<>();
        for (String f : missing) {
            Optional<String> use = slower.filter(s -> s.feature().equals(f)).map(CompileAsCaller.SlowerInLine::why).or(() -> useOf(f, code));
            if (use.isEmpty()) {
                unused.add(f);
            } else {
                used.computeIfAbsent(use.get(), u -> new ArrayList<>()).add("+" + f);
                if (FeatureClass.of(f) != FeatureClass.OTHER || !code.targetIntrinsics().isEmpty() || code.inlineAsm()) {
                    hazardous.computeIfAbsent(use.get(), u -> new ArrayList<>()).add("+" + f);
                }
            }
        }
        List<String> why = grouped(used);
        List<String> hazards = grouped(hazardous);
        if (!unused.isEmpty()) {
            String features = helperFeatures.without(unused).featureString();
            edit.setString(helper, "target-features", features);
            edit.note(Reconciliation.byGraft(call.callee(), "target-features", "switched off "
                    + String.join(", ", unused.stream().map(f -> "+" + f).toList()) + " to match " + call.caller(),
                    "the helper's code has nothing these features change (" + describeUnused(unused) + ")"));
        }
        Set<String> needed = new TreeSet<>(missing);
        needed.removeAll(unused);
        if (!needed.isEmpty() && options.callerFeaturesFromHelpers() && !needed.contains("soft-float")) {
            raiseCaller(call, caller, helperFeatures, needed);
            return List.of();
        }
        String fix = needed.isEmpty() ? "" : "; " + CallerTarget.fix(helperFeatures, callerFeatures, needed);
        boolean alwaysInline = intent(helper).isPresent() || edit.of(helper).has("alwaysinline");
        if (!hazards.isEmpty() && (options.forcing() || alwaysInline)) {
            int marked = attributes.markCallsNoInline(caller, helper);
            if (marked > 0) {
                keptOutOfLine.add(new InlineRemark(call.callee(), call.caller(), false, "graft kept it out of line "
                        + "although inlining was " + (options.forcing() ? "forced" : "asked for (always_inline)")
                        + ": the caller lacks " + String.join(", ", hazards) + fix));
            }
            return List.of();
        }
        if (options.ignoreTargetCompat() && (cpuDiffers || !why.isEmpty())) {
            alignTargetWithCaller(call, caller, helper);
            return List.of();
        }
        List<String> result = new ArrayList<>();
        if (!why.isEmpty()) {
            result.add("the helper needs target features its caller lacks: " + String.join(", ", why));
        }
        if (cpuDiffers) {
            result.add("the helper is built for CPU " + helperCpu + ", the caller for " + callerCpu);
        }
        if (!why.isEmpty()) {
            result.add(fix.substring(2));
        }
        return result;
    }

    /**
     * --caller-features-from-helpers: the caller takes the features its helper needs and it lacks, and, when it
     * was built for the architecture's baseline CPU, the helper's CPU too. A named CPU implies features beyond
     * any list (LLVM's tuning features, which its inline check compares): taking the CPU itself is what makes
     * the caller a superset for every CPU name, with nothing for graft to know about it. A caller built for a
     * CPU of its own (-Ctarget-cpu) keeps it: graft cannot tell which of the two CPUs implies more. The caller
     * keeps its tuning either way.
     */
    private void raiseCaller(CallSite call, Module.Function caller, TargetFeatures helperFeatures, Set<String> needed)
            throws LlvmException {
        String callerCpu = edit.features(caller).cpu();
        String helperCpu = helperFeatures.cpu();
        boolean takeCpu = !helperCpu.isEmpty() && !helperCpu.equals(callerCpu) && CallerTarget.baseline(callerCpu);
        edit.setString(caller, "target-features", edit.features(caller).with(needed).featureString());
        if (takeCpu) {
            // The caller keeps its tuning (LLVM takes tuning features from "tune-cpu" when a function has one),
            // and the helper takes the same, so the tuning features LLVM's inline check compares agree.
            String tuning = edit.of(caller).strings().getOrDefault("tune-cpu", callerCpu.isEmpty() ? "generic" : callerCpu);
            edit.setString(caller, "target-cpu", helperCpu);
            edit.setString(caller, "tune-cpu", tuning);
        }
        Module.Function helper = module.function(call.callee()).orElseThrow();
        String callerTuning = edit.of(caller).strings().get("tune-cpu");
        if (callerTuning != null && !callerTuning.equals(edit.of(helper).strings().get("tune-cpu"))) {
            edit.setString(helper, "tune-cpu", callerTuning); // tuning only: what the helper's copy is scheduled for
        }
        edit.note(Reconciliation.byGraft(call.caller(), takeCpu ? "target-cpu/target-features" : "target-features",
                (takeCpu ? "CPU " + callerCpu + " became " + helperCpu + ", " : "") + "added "
                        + CallerTarget.plus(needed) + ", as on " + call.callee(),
                "--caller-features-from-helpers: the program requires the helpers' target (" + CallerTarget.describe(
                        helperFeatures) + "), so the caller may use these features as the helper's own code does"));
    }

    /** The always_inline function {@code graft helpers} found the helper calls, if any. */
    private Optional<String> intent(Module.Function helper) throws LlvmException {
        return Optional.ofNullable(edit.of(helper).strings().get(InliningIntent.ATTRIBUTE));
    }

    /**
     * The helper wraps an always_inline function: it makes that function's promise, so it becomes
     * {@code alwaysinline} here, after {@link #targetDifferences} kept out of line every call a missing
     * target feature affects (alwaysinline alone would skip LLVM's target check).
     */
    private void keepIntent(CallSite call, Module.Function helper) throws LlvmException {
        if (edit.of(helper).has("noinline") || edit.of(helper).has("optnone") || edit.of(helper).has("alwaysinline")) {
            return;
        }
        edit.addEnum(helper, "alwaysinline");
        edit.note(Reconciliation.byGraft(call.callee(), "alwaysinline", "added", "the helper calls always_inline "
                + intent(helper).orElseThrow() + " (found by graft helpers): the C author's promise, kept for the "
                + "wrapper; calls a missing target feature affects stay out of line"));
    }

    /** --ignore-target-compat: what -mllvm --ignore-tti-inline-compatible lets the inliner do, made explicit. */
    private void alignTargetWithCaller(CallSite call, Module.Function caller, Module.Function helper)
            throws LlvmException {
        Map<String, String> callerStrings = edit.of(caller).strings();
        for (String key : List.of("target-cpu", "target-features")) {
            edit.setString(helper, key, callerStrings.getOrDefault(key, ""));
        }
        edit.note(Reconciliation.byGraft(call.callee(), "target-cpu/target-features", "set to "
                + call.caller() + "'s", "--ignore-target-compat: the helper is compiled as its caller is"));
    }

    /** What in the helper's code a feature it has and its caller lacks could change; empty when nothing. */
    private static Optional<String> useOf(String feature, CodeFacts code) {
        if (code.inlineAsm()) {
            return Optional.of("the helper has inline assembly");
        }
        return switch (FeatureClass.of(feature)) {
            case INDIRECT_BRANCH_MITIGATION -> code.indirectBranches().isEmpty() ? Optional.empty()
                    : Optional.of("the helper has " + code.indirectBranches().getFirst()
                    + ": inlined into code without it, the mitigation would be lost");
            case FLOATING_POINT_AND_VECTOR -> code.floatingPointOrVector()
                    ? Optional.of("the helper has floating-point or vector values")
                    : code.targetIntrinsics().isEmpty() ? Optional.empty()
                    : Optional.of("the helper calls " + code.targetIntrinsics().getFirst());
            // ISA extensions the helper's integer and memory code is lowered correctly without (only more slowly):
            // they matter only to code that can depend on its target.
            case OTHER -> code.targetDependency();
        };
    }

    private static List<String> grouped(Map<String, List<String>> featuresByUse) {
        List<String> lines = new ArrayList<>();
        featuresByUse.forEach((use, features) -> lines.add(String.join(", ", features) + " (" + use + ")"));
        return lines;
    }

    private static String describeUnused(Set<String> unused) {
        Set<String> what = new TreeSet<>();
        for (String f : unused) {
            what.add(FeatureClass.of(f) == FeatureClass.INDIRECT_BRANCH_MITIGATION
                    ? "no indirect call or jump" : "no floating-point or vector value, no x86 intrinsic");
        }
        return String.join(", ", what) + ", no inline assembly";
    }

    private void forceInline(CallSite call, Module.Function helper) throws LlvmException {
        if (edit.of(helper).has("noinline") || edit.of(helper).has("optnone")) {
            explanations.merge(call, "--force-inline cannot apply: the helper is noinline/optnone (compiled at -O0?)",
                    (a, b) -> a + "; " + b);
            return;
        }
        edit.addEnum(helper, "alwaysinline");
        edit.note(Reconciliation.byGraft(call.callee(), "alwaysinline", "added", "--force-inline"));
    }

    private static Map<String, String> linked(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
