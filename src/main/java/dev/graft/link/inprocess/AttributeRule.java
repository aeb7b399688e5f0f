package dev.graft.link.inprocess;

import dev.graft.link.inprocess.TargetFeatures.FeatureClass;

import java.util.List;
import java.util.Optional;

/**
 * One rule of attribute reconciliation: the attributes (or target features) it is about, what LLVM's inliner
 * does alone when a helper and its Rust caller differ in them, what graft may change, and why that is sound.
 * {@link #TABLE} is the one place a rule goes, as LLVM's {@code Attributes.td} states its own inline rules as
 * data ({@code CompatRule}: caller and callee must agree, {@code MergeRule}: the caller takes the callee's when
 * it inlines it) and leaves applying them to generated code. {@link AttributeReconciler} applies each
 * {@link Remedy}, {@link ReconciliationWords} says in words what was done or what blocks, and
 * {@code AttributeRuleTableTest} holds the README's table ("Attribute reconciliation") to this one.
 *
 * @param attributes       the function attributes, as LLVM spells them; a name ending in {@code *} is a family
 *                         ({@code "no-builtin-*"}: every {@code "no-builtin-NAME"})
 * @param features         for a rule about target features, the class of features it covers
 *                         ({@link FeatureClass#OTHER}: every feature no other class names)
 * @param llvm             what LLVM's inliner does alone when caller and helper differ
 * @param mergedIntoCaller whether LLVM's own merge rules may change the caller's attribute as it inlines (watched,
 *                         so the report lists such a change {@code by: llvm})
 * @param remedy           what graft may change
 * @param why              why that is sound (the report's reason for a change), or, for {@link Remedy#EXPLAIN}, what
 *                         the user can do
 */
record AttributeRule(List<Attribute> attributes, Optional<FeatureClass> features, Llvm llvm, boolean mergedIntoCaller,
                     Remedy remedy, String why) {

    /** What LLVM's inliner does alone with a difference. */
    enum Llvm {
        /** A compatibility rule: the call stays out of line. */
        REFUSES,
        /** Inlines: the caller's attribute governs the merged code (or LLVM's merge rule adjusts it). */
        INLINES
    }

    /** What graft may change about a difference. */
    enum Remedy {
        /** Gives the caller the helper's attribute: the caller only becomes more careful. */
        COPY_TO_CALLER,
        /** Gives a caller without a stack protector the helper's level, when the helper has stack objects. */
        COPY_STACK_PROTECTOR_TO_CALLER,
        /** Switches the features off in the helper, when nothing in its code can be affected by them. */
        SWITCH_OFF_IN_HELPER_IF_UNUSED,
        /** Compiles the helper as its caller (CPU, features, tuning), when its code depends on no target feature. */
        COMPILE_HELPER_AS_CALLER,
        /** Changes nothing; a difference is explained with what the user can do. */
        EXPLAIN,
        /** Changes nothing: LLVM inlines, and the caller's setting governs (or LLVM merges). */
        NONE
    }

    /** A function attribute: an enum attribute ({@code ssp}) or a string one ({@code "probe-stack"}). */
    record Attribute(String name, boolean string) {

        static Attribute enumAttribute(String name) {
            return new Attribute(name, false);
        }

        static Attribute stringAttribute(String name) {
            return new Attribute(name, true);
        }

        /** Whether {@code attribute} is this one, or of this family. */
        boolean matches(String attribute) {
            return AttributeRule.matches(name, attribute);
        }
    }

    AttributeRule {
        attributes = List.copyOf(attributes);
    }

    /** In the README's order; a new rule goes here, and into the README's table. */
    static final List<AttributeRule> TABLE = List.of(
            new AttributeRule(strings("no-builtins", "no-builtin-*"), Optional.empty(), Llvm.REFUSES, false,
                    Remedy.COPY_TO_CALLER, "LLVM inlines only a callee whose unavailable library functions the caller "
                    + "shares; the caller's code merely stops being turned into that library call"),
            new AttributeRule(enums("null_pointer_is_valid"), Optional.empty(), Llvm.REFUSES, true, Remedy.COPY_TO_CALLER,
                    "the caller no longer assumes address 0 is never accessed: fewer optimisations, never a different "
                            + "result (LLVM's own rule when it inlines such a callee)"),
            new AttributeRule(strings("target-features"), Optional.of(FeatureClass.INDIRECT_BRANCH_MITIGATION),
                    Llvm.REFUSES, false, Remedy.SWITCH_OFF_IN_HELPER_IF_UNUSED, "no indirect call or jump"),
            new AttributeRule(strings("target-features"), Optional.of(FeatureClass.FLOATING_POINT_AND_VECTOR),
                    Llvm.REFUSES, false, Remedy.SWITCH_OFF_IN_HELPER_IF_UNUSED,
                    "no floating-point or vector value, no x86 intrinsic"),
            new AttributeRule(strings("target-cpu", "tune-cpu", "target-features"), Optional.of(FeatureClass.OTHER), Llvm.REFUSES, false,
                    Remedy.COMPILE_HELPER_AS_CALLER, "it depends on no target feature, so it is compiled as its caller is"),
            new AttributeRule(enums("sanitize_address", "sanitize_hwaddress", "sanitize_memory", "sanitize_thread",
                    "sanitize_memtag"), Optional.empty(), Llvm.REFUSES, false, Remedy.EXPLAIN,
                    "build the helpers and the crate with the same sanitizers"),
            new AttributeRule(enums("safestack"), Optional.empty(), Llvm.REFUSES, false, Remedy.EXPLAIN,
                    "build both with safestack or neither"),
            new AttributeRule(enums("shadowcallstack"), Optional.empty(), Llvm.REFUSES, false, Remedy.EXPLAIN,
                    "build both with the shadow call stack or neither"),
            new AttributeRule(enums("strictfp"), Optional.empty(), Llvm.REFUSES, false, Remedy.EXPLAIN,
                    "a helper with strict floating point semantics cannot move into code without them"),
            new AttributeRule(strings("denormal-fp-math", "denormal-fp-math-f32"), Optional.empty(), Llvm.REFUSES, false,
                    Remedy.EXPLAIN, "build the helpers and the crate with the same denormal mode"),
            new AttributeRule(List.of(Attribute.enumAttribute("sspreq"), Attribute.enumAttribute("sspstrong"),
                    Attribute.enumAttribute("ssp"), Attribute.stringAttribute("stack-protector-buffer-size")), Optional.empty(),
                    Llvm.INLINES, true, Remedy.COPY_STACK_PROTECTOR_TO_CALLER, "the helper has stack objects its "
                    + "protector guards; inlined into a caller without one they would lose the canary"),
            new AttributeRule(List.of(Attribute.stringAttribute("probe-stack"),
                    Attribute.stringAttribute("stack-probe-size"), Attribute.stringAttribute("min-legal-vector-width"),
                    Attribute.stringAttribute("no-jump-tables"), Attribute.enumAttribute("speculative_load_hardening")),
                    Optional.empty(), Llvm.INLINES, true, Remedy.NONE, "LLVM's own merge rules restrict the caller"),
            new AttributeRule(List.of(Attribute.enumAttribute("fn_ret_thunk_extern"),
                    Attribute.stringAttribute("zero-call-used-regs"), Attribute.stringAttribute("patchable-function-entry"),
                    Attribute.stringAttribute("patchable-function-prefix"), Attribute.stringAttribute("frame-pointer"),
                    Attribute.enumAttribute("uwtable"), Attribute.stringAttribute("warn-stack-size"),
                    Attribute.enumAttribute("nocf_check")), Optional.empty(), Llvm.INLINES, false, Remedy.NONE,
                    "each concerns the function's own entry, return or frame, which the inlined code no longer has"));

    /** The rules graft applies with {@code remedy}, in the table's order. */
    static List<AttributeRule> withRemedy(Remedy remedy) {
        return TABLE.stream().filter(r -> r.remedy == remedy).toList();
    }

    /** The rule about the target features of class {@code features}. */
    static AttributeRule forFeatures(FeatureClass features) {
        return TABLE.stream().filter(r -> r.features.equals(Optional.of(features))).findFirst().orElseThrow();
    }

    private static boolean matches(String pattern, String name) {
        return pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                : pattern.equals(name);
    }

    private static List<Attribute> strings(String... names) {
        return List.of(names).stream().map(Attribute::stringAttribute).toList();
    }

    private static List<Attribute> enums(String... names) {
        return List.of(names).stream().map(Attribute::enumAttribute).toList();
    }
}
