package dev.graft.link;

/**
 * How hard to push LLVM's inliner, beyond graft's sound reconciliation.
 *
 * @param forceInline                give every helper {@code alwaysinline} (the kernel's later {@code __rust_helper})
 * @param ignoreTargetCompat         inline despite differing target CPU or features, as the kernel's first helper-inlining
 *                                   patch did with {@code -mllvm --ignore-tti-inline-compatible}. Either way graft still keeps
 *                                   out of line a helper whose code a missing feature changes (an indirect call
 *                                   built with retpolines, floating point built with SSE).
 * @param callerFeaturesFromHelpers  give each Rust caller the target features its helpers need and it lacks: for
 *                                   programs that require the helpers' CPU anyway (every DPDK program does). The
 *                                   caller's code may then use those features, as the helpers' code does.
 */
public record InliningOptions(boolean forceInline, boolean ignoreTargetCompat, boolean callerFeaturesFromHelpers) {

    public static final InliningOptions DEFAULT = new InliningOptions(false, false, false);

    /**
     * {@code --caller-features-from-helpers} for every form, the cargo wrapper's and the linker shim's (which
     * have no command line of graft's) and make's or Kbuild's {@code graft rustc} alike: {@code =1} turns it on
     * (read by {@code cargo.WrapperSettings}, the one reader of graft's setting variables).
     */
    public static final String CALLER_FEATURES_ENVIRONMENT = "GRAFT_CALLER_FEATURES_FROM_HELPERS";
    /**
     * {@code --force-inline} for every form, read as {@link #CALLER_FEATURES_ENVIRONMENT} is: Linux 6.12's helpers
     * are not {@code __always_inline} (7.x's {@code __rust_helper} is), and Kbuild's {@code graft-rustc} has no
     * command line of graft's to take the option on.
     */
    public static final String FORCE_INLINE_ENVIRONMENT = "GRAFT_FORCE_INLINE";
    /** {@code --ignore-target-compat} for every form, read as {@link #CALLER_FEATURES_ENVIRONMENT} is. */
    public static final String IGNORE_TARGET_COMPAT_ENVIRONMENT = "GRAFT_IGNORE_TARGET_COMPAT";

    public InliningOptions(boolean forceInline, boolean ignoreTargetCompat) {
        this(forceInline, ignoreTargetCompat, false);
    }

    /** Whether LLVM's target check is skipped, so graft must keep hazardous calls out of line itself. */
    public boolean forcing() {
        return forceInline || ignoreTargetCompat;
    }
}
