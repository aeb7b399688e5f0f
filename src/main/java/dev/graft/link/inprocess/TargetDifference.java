package dev.graft.link.inprocess;

import dev.graft.link.inprocess.TargetFeatures.FeatureClass;
import dev.graft.llvm.CodeFacts;
import dev.graft.llvm.LlvmException;
import dev.graft.llvm.Module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a helper's target differs from its caller's, computed before anything is edited: the facts the
 * target-feature rules of {@link AttributeRule#TABLE} are decided on.
 *
 * @param missing    features the helper has and the caller lacks
 * @param cpuDiffers both name a CPU, and not the same one
 * @param slower     a missing feature without which the helper would be slower in line than out of line
 */
record TargetDifference(TargetFeatures helper, TargetFeatures caller, Set<String> missing, boolean cpuDiffers,
                        Optional<CompileAsCaller.SlowerInLine> slower) {

    /**
     * What each missing feature could change in the helper's code: {@code unused} ones nothing; {@code used} ones
     * grouped by what in the code depends on them; {@code hazardous} those of the used ones that change what the
     * code does (not only how fast), which forcing must not inline over.
     */
    record FeatureUses(Set<String> unused, Map<String, List<String>> used, Map<String, List<String>> hazardous) {
    }

    static TargetDifference of(AttributeEditor edit, CompileAsCaller asCaller, Module.Function caller,
                               Module.Function helper) throws LlvmException {
        TargetFeatures helperFeatures = edit.features(helper);
        TargetFeatures callerFeatures = edit.features(caller);
        Set<String> missing = helperFeatures.missingIn(callerFeatures);
        String helperCpu = helperFeatures.cpu();
        String callerCpu = callerFeatures.cpu();
        boolean cpuDiffers = !helperCpu.isEmpty() && !callerCpu.isEmpty() && !helperCpu.equals(callerCpu);
        TargetDifference difference = new TargetDifference(helperFeatures, callerFeatures, missing, cpuDiffers,
                Optional.empty());
        return difference.beyondFeatureClasses()
                ? new TargetDifference(helperFeatures, callerFeatures, missing, cpuDiffers,
                asCaller.slowerInLine(helper, missing))
                : difference;
    }

    /** Whether the rule for the CPU and unclassified features applies (else only the feature classes'). */
    boolean beyondFeatureClasses() {
        return cpuDiffers || missing.stream().anyMatch(f -> FeatureClass.of(f) == FeatureClass.OTHER);
    }

    /** What each missing feature could change in {@code code}, the helper's. */
    FeatureUses uses(CodeFacts code) {
        Set<String> unused = new TreeSet<>();
        Map<String, List<String>> used = new LinkedHashMap<>(); // what in the helper's code -> features
        Map<String, List<String>> hazardous = new LinkedHashMap<>();
        for (String f : missing) {
            Optional<String> use = slower.filter(s -> s.feature().equals(f))
                    .map(CompileAsCaller.SlowerInLine::why).or(() -> useOf(f, code));
            if (use.isEmpty()) {
                unused.add(f);
            } else {
                used.computeIfAbsent(use.get(), u -> new ArrayList<>()).add("+" + f);
                if (FeatureClass.of(f) != FeatureClass.OTHER || !code.targetIntrinsics().isEmpty() || code.inlineAsm()) {
                    hazardous.computeIfAbsent(use.get(), u -> new ArrayList<>()).add("+" + f);
                }
            }
        }
        return new FeatureUses(unused, used, hazardous);
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
    }}
