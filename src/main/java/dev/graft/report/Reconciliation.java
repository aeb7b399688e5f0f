package dev.graft.report;

/**
 * An attribute that changed on {@code function} because a helper is inlined into it or so that it can
 * be: {@code change} says what changed, {@code by} who changed it ({@code graft} before inlining, or
 * {@code llvm} as it inlined, by its own merge rules), {@code reason} why that is sound.
 */
public record Reconciliation(String function, String attribute, String change, String by, String reason) {

    public static Reconciliation byGraft(String function, String attribute, String change, String reason) {
        return new Reconciliation(function, attribute, change, "graft", reason);
    }

    public static Reconciliation byLlvm(String function, String attribute, String change, String reason) {
        return new Reconciliation(function, attribute, change, "llvm", reason);
    }
}
