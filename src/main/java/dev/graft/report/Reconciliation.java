package dev.graft.report;

/** An attribute graft changed on {@code function} so a helper could be inlined, and why that is sound. */
public record Reconciliation(String function, String attribute, String reason) {
}
