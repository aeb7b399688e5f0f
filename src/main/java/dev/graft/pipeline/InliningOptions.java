package dev.graft.pipeline;

/**
 * How hard to push LLVM's inliner, beyond graft's sound reconciliation.
 *
 * @param forceInline        give every helper {@code alwaysinline} (the kernel's later {@code __rust_helper})
 * @param ignoreTargetCompat inline despite differing target CPU or features, as the kernel's first helper-inlining patch did with
 *                           {@code -mllvm --ignore-tti-inline-compatible} does. Either way graft still keeps
 *                           out of line a helper whose code a missing feature changes (an indirect call
 *                           built with retpolines, floating point built with SSE).
 */
public record InliningOptions(boolean forceInline, boolean ignoreTargetCompat) {

    public static final InliningOptions DEFAULT = new InliningOptions(false, false);

    public boolean forcing() {
        return forceInline || ignoreTargetCompat;
    }
}
