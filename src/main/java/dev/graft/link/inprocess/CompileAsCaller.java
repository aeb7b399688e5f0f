package dev.graft.link.inprocess;

import dev.graft.ir.CallSite;
import dev.graft.link.inprocess.TargetFeatures.FeatureClass;
import dev.graft.llvm.CodeFacts;
import dev.graft.llvm.LlvmException;
import dev.graft.llvm.Module;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A helper built for another CPU (-march=native, a named newer one) whose code depends on no target feature is
 * compiled as its caller: its CPU, features and tuning become the caller's, so LLVM's inline check, which
 * compares every feature the CPU implies (tuning ones too), passes without graft knowing what any CPU implies.
 */
final class CompileAsCaller {

    private final AttributeEditor edit;

    CompileAsCaller(AttributeEditor edit) {
        this.edit = edit;
    }

    /**
     * A caller with an explicit {@code "tune-cpu"} (rustc's -Ztune-cpu, or graft's own when it raised the caller)
     * gives it to the helper: LLVM takes tuning features from it and its inline check compares them, though
     * they only decide how code is scheduled, never what it computes.
     */
    void followCallersTuning(CallSite call, Module.Function caller, Module.Function helper)
            throws LlvmException {
        String callerTuning = edit.of(caller).strings().get("tune-cpu");
        Map<String, String> h = edit.of(helper).strings();
        String helperTuning = h.getOrDefault("tune-cpu", h.getOrDefault("target-cpu", ""));
        if (callerTuning != null && !callerTuning.equals(helperTuning)) {
            edit.setString(helper, "tune-cpu", callerTuning);
            edit.note(ReconciliationWords.tuningFollowed(call, callerTuning));
        }
    }


    /**
     * A generic intrinsic that is one instruction with an ISA extension the helper has and the caller lacks, and
     * a dozen without: {@code llvm.ctpop} without x86's {@code popcnt} is a bit-counting sequence. Compiled as its
     * caller, such a helper is correct but slower in line than its out-of-line copy (ForeignCpuTest's popcount
     * loop), so it keeps its CPU, and the setting gives the caller the feature instead.
     */
    record SlowerInLine(String feature, String why) {
    }

    private static final Map<String, String> ONE_INSTRUCTION_WITH = Map.of("llvm.ctpop.", "popcnt");

    Optional<SlowerInLine> slowerInLine(Module.Function helper, Set<String> missing) throws LlvmException {
        for (String intrinsic : edit.facts(helper).genericIntrinsics()) {
            for (Map.Entry<String, String> e : ONE_INSTRUCTION_WITH.entrySet()) {
                if (intrinsic.startsWith(e.getKey()) && missing.contains(e.getValue())) {
                    return Optional.of(new SlowerInLine(e.getValue(), ReconciliationWords.slowerInLine(intrinsic,
                            e.getValue())));
                }
            }
        }
        return Optional.empty();
    }


    /**
     * Whether nothing in the helper's code can depend on its target features (CodeFacts#targetDependency), and
     * no indirect-branch mitigation it has and the caller lacks would be lost with one of its indirect branches.
     */
    boolean independentOfTarget(Module.Function helper, Set<String> missing) throws LlvmException {
        CodeFacts code = edit.facts(helper);
        if (code.targetDependency().isPresent()) {
            return false;
        }
        return code.indirectBranches().isEmpty()
                || missing.stream().noneMatch(f -> FeatureClass.of(f) == FeatureClass.INDIRECT_BRANCH_MITIGATION);
    }


    /**
     * A helper whose code depends on no target feature is compiled as its caller is: its CPU and features become
     * the caller's, whatever CPU it was built for ({@code -march=native} records the machine's, a named CPU
     * implies ISA and tuning features graft need not know). Its machine code stays correct on the caller's CPU,
     * in line or out of line.
     */
    void compile(CallSite call, Module.Function caller, Module.Function helper,
                                 TargetFeatures helperFeatures, Set<String> missing) throws LlvmException {
        Map<String, String> callerStrings = edit.of(caller).strings();
        for (String key : List.of("target-cpu", "target-features")) {
            edit.setString(helper, key, callerStrings.getOrDefault(key, ""));
        }
        // Its tuning too: LLVM's inline check compares tuning features, which come from "tune-cpu" when set.
        String tuning = callerStrings.getOrDefault("tune-cpu", callerStrings.get("target-cpu"));
        if (tuning != null && (callerStrings.containsKey("tune-cpu") || edit.of(helper).strings().containsKey("tune-cpu"))) {
            edit.setString(helper, "tune-cpu", tuning);
        }
        edit.note(ReconciliationWords.compiledAsCaller(call, helperFeatures, missing,
                !edit.facts(helper).indirectBranches().isEmpty()));
    }
}
