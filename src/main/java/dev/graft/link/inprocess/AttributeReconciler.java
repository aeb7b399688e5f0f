package dev.graft.link.inprocess;

import dev.graft.ir.CallSite;
import dev.graft.ir.InliningIntent;
import dev.graft.link.InliningOptions;
import dev.graft.link.inprocess.AttributeRule.Remedy;
import dev.graft.llvm.Attributes;
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
 * difference that cannot matter, and finds the differences that do. What may be changed, per attribute, is
 * {@link AttributeRule#TABLE}; this applies each rule's {@link AttributeRule.Remedy} to every helper call, and
 * {@link ReconciliationWords} says what it did. Beyond the table, the user's options:
 *
 * <ul>
 *   <li>When inlining is forced ({@link InliningOptions#forcing()}) or the helper is {@code alwaysinline}
 *       (written so, or wrapping an always_inline function, {@link InliningIntent}), a call to a helper whose
 *       code such a missing feature does change is marked {@code noinline}: {@code alwaysinline} skips LLVM's
 *       target check, and inlining a retpoline-built indirect call into code without retpolines would
 *       silently drop the mitigation.</li>
 *   <li>A caller's explicit {@code "tune-cpu"} is given to its helpers: tuning decides scheduling only.</li>
 *   <li>With {@link InliningOptions#callerFeaturesFromHelpers()}, a caller instead gains the features its
 *       helper needs, and the helper's CPU when it has only the baseline one (keeping its tuning): the user
 *       says the program requires the helpers' target anyway.</li>
 * </ul>
 */
final class AttributeReconciler {

    /**
     * What reconciliation did and found.
     *
     * @param changes       attributes graft changed
     * @param keptOutOfLine calls graft marked noinline, with the reason, as inliner remarks
     * @param blockers      for a caller/helper pair, the differences left that LLVM may refuse to inline over
     */
    record Outcome(List<Reconciliation> changes, List<InlineRemark> keptOutOfLine,
                   Map<CallSite, List<Blocker>> blockers) {

        static final Outcome NOTHING = new Outcome(List.of(), List.of(), Map.of());

        /** What graft found may still block {@code call}, in words; empty when nothing. */
        Optional<String> explanation(CallSite call) {
            List<Blocker> found = blockers.getOrDefault(call, List.of());
            return found.isEmpty() ? Optional.empty() : Optional.of(ReconciliationWords.explain(found));
        }
    }

    private final Module module;
    private final Attributes attributes;
    private final InliningOptions options;
    private final AttributeEditor edit;
    private final CompileAsCaller asCaller;
    private final List<InlineRemark> keptOutOfLine = new ArrayList<>();
    private final Map<CallSite, List<Blocker>> blockers = new LinkedHashMap<>();

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
        Map<CallSite, List<Blocker>> blockers = new LinkedHashMap<>();
        reconciler.blockers.forEach((call, found) -> blockers.put(call, List.copyOf(found)));
        return new Outcome(List.copyOf(reconciler.edit.changes()), List.copyOf(reconciler.keptOutOfLine),
                Map.copyOf(blockers));
    }

    /** Applies each rule of {@link AttributeRule#TABLE} to one call: copies first, then the target, then what must match. */
    private void reconcile(CallSite call, Module.Function caller, Module.Function helper) throws LlvmException {
        for (AttributeRule rule : AttributeRule.withRemedy(Remedy.COPY_TO_CALLER)) {
            copyToCaller(rule, call, caller, helper);
        }
        for (AttributeRule rule : AttributeRule.withRemedy(Remedy.COPY_STACK_PROTECTOR_TO_CALLER)) {
            copyStackProtector(rule, call, caller, helper);
        }
        List<Blocker> found = new ArrayList<>(targetDifferences(call, caller, helper));
        for (AttributeRule rule : AttributeRule.withRemedy(Remedy.EXPLAIN)) {
            found.addAll(mismatches(rule, caller, helper));
        }
        if (!found.isEmpty()) {
            blockers.putIfAbsent(call, new ArrayList<>(found));
        }
    }

    /** The rule's attributes the helper has and the caller lacks, given to the caller. */
    private void copyToCaller(AttributeRule rule, CallSite call, Module.Function caller, Module.Function helper)
            throws LlvmException {
        for (AttributeRule.Attribute attribute : rule.attributes()) {
            if (attribute.string()) {
                Map<String, String> callerStrings = edit.of(caller).strings();
                for (Map.Entry<String, String> a : edit.of(helper).strings().entrySet()) {
                    if (attribute.matches(a.getKey()) && !callerStrings.containsKey(a.getKey())) {
                        edit.setString(caller, a.getKey(), a.getValue());
                        edit.note(ReconciliationWords.copied(rule, call, a.getKey()));
                    }
                }
            } else if (edit.of(helper).has(attribute.name()) && !edit.of(caller).has(attribute.name())) {
                edit.addEnum(caller, attribute.name());
                edit.note(ReconciliationWords.copied(rule, call, attribute.name()));
            }
        }
    }

    /** Where caller and helper differ in an attribute of a rule LLVM holds them equal in. */
    private List<Blocker> mismatches(AttributeRule rule, Module.Function caller, Module.Function helper)
            throws LlvmException {
        List<Blocker> found = new ArrayList<>();
        for (AttributeRule.Attribute attribute : rule.attributes()) {
            if (attribute.string()) {
                Optional<String> h = Optional.ofNullable(edit.of(helper).strings().get(attribute.name()));
                Optional<String> c = Optional.ofNullable(edit.of(caller).strings().get(attribute.name()));
                if (!h.equals(c)) {
                    found.add(new Blocker.ValuesDiffer(rule, attribute.name(), h, c));
                }
            } else {
                boolean onHelper = edit.of(helper).has(attribute.name());
                if (onHelper != edit.of(caller).has(attribute.name())) {
                    found.add(new Blocker.OneSided(rule, attribute.name(), onHelper));
                }
            }
        }
        return found;
    }

    /**
     * LLVM raises a caller's stack protector to its callee's only if the caller has one at all, so a Rust
     * function (no protector) would take in a helper's stack buffers unguarded. Where the helper has stack
     * objects, the caller gets the helper's level: its own frame gains a canary, the helper's keeps one.
     */
    private void copyStackProtector(AttributeRule rule, CallSite call, Module.Function caller, Module.Function helper)
            throws LlvmException {
        // The rule's enum attributes are the levels, strongest first; its string one the buffer size.
        List<String> levels = rule.attributes().stream().filter(a -> !a.string()).map(AttributeRule.Attribute::name)
                .toList();
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
        for (AttributeRule.Attribute size : rule.attributes().stream().filter(AttributeRule.Attribute::string).toList()) {
            String bufferSize = edit.of(helper).strings().get(size.name());
            if (bufferSize != null) {
                edit.setString(caller, size.name(), bufferSize);
            }
        }
        edit.note(ReconciliationWords.copied(rule, call, helperLevel.get()));
    }


    /**
     * Applies the target-feature rules of {@link AttributeRule#TABLE} (compile the helper as its caller, switch
     * off in the helper what its code cannot use), then the options that raise the caller, guard forcing, or
     * align the target; returns what may still block.
     */
    private List<Blocker> targetDifferences(CallSite call, Module.Function caller, Module.Function helper)
            throws LlvmException {
        asCaller.followCallersTuning(call, caller, helper);
        TargetDifference difference = TargetDifference.of(edit, asCaller, caller, helper);
        Set<String> missing = difference.missing();
        if (difference.beyondFeatureClasses() && difference.slower().isEmpty()
                && asCaller.independentOfTarget(helper, missing)) {
            asCaller.compile(call, caller, helper, difference.helper(), missing);
            return List.of();
        }
        TargetDifference.FeatureUses uses = missing.isEmpty()
                ? new TargetDifference.FeatureUses(Set.of(), Map.of(), Map.of()) : difference.uses(edit.facts(helper));
        if (!uses.unused().isEmpty()) {
            edit.setString(helper, "target-features", difference.helper().without(uses.unused()).featureString());
            edit.note(ReconciliationWords.switchedOff(call, uses.unused()));
        }
        Set<String> needed = new TreeSet<>(missing);
        needed.removeAll(uses.unused());
        if (!needed.isEmpty() && options.callerFeaturesFromHelpers() && !needed.contains("soft-float")) {
            raiseCaller(call, caller, difference.helper(), needed);
            return List.of();
        }
        Optional<Blocker.CrateFlags> fix = needed.isEmpty() ? Optional.empty()
                : Optional.of(new Blocker.CrateFlags(difference.helper(), difference.caller(), needed));
        boolean alwaysInline = intent(helper).isPresent() || edit.of(helper).has("alwaysinline");
        if (!uses.hazardous().isEmpty() && (options.forcing() || alwaysInline)) {
            int marked = attributes.markCallsNoInline(caller, helper);
            if (marked > 0) {
                keptOutOfLine.add(new InlineRemark(call.callee(), call.caller(), false, ReconciliationWords.keptOutOfLine(
                        options.forcing(), ReconciliationWords.grouped(uses.hazardous()),
                        fix.map(f -> "; " + ReconciliationWords.clause(f)).orElse(""))));
            }
            return List.of();
        }
        if (options.ignoreTargetCompat() && (difference.cpuDiffers() || !uses.used().isEmpty())) {
            alignTargetWithCaller(call, caller, helper);
            return List.of();
        }
        List<Blocker> result = new ArrayList<>();
        if (!uses.used().isEmpty()) {
            result.add(new Blocker.MissingFeatures(uses.used()));
        }
        if (difference.cpuDiffers()) {
            result.add(new Blocker.OtherCpu(difference.helper().cpu(), difference.caller().cpu()));
        }
        if (!uses.used().isEmpty()) {
            result.add(fix.orElseThrow());
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
        edit.note(ReconciliationWords.raisedCaller(call, takeCpu ? Optional.of(callerCpu) : Optional.empty(),
                helperFeatures, needed));
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
        edit.note(ReconciliationWords.keptIntent(call, intent(helper).orElseThrow()));
    }

    /** --ignore-target-compat: what -mllvm --ignore-tti-inline-compatible lets the inliner do, made explicit. */
    private void alignTargetWithCaller(CallSite call, Module.Function caller, Module.Function helper)
            throws LlvmException {
        Map<String, String> callerStrings = edit.of(caller).strings();
        for (String key : List.of("target-cpu", "target-features")) {
            edit.setString(helper, key, callerStrings.getOrDefault(key, ""));
        }
        edit.note(ReconciliationWords.alignedWithCaller(call));
    }


    private void forceInline(CallSite call, Module.Function helper) throws LlvmException {
        if (edit.of(helper).has("noinline") || edit.of(helper).has("optnone")) {
            blockers.computeIfAbsent(call, c -> new ArrayList<>()).add(new Blocker.CannotForce());
            return;
        }
        edit.addEnum(helper, "alwaysinline");
        edit.note(ReconciliationWords.forced(call));
    }
}
