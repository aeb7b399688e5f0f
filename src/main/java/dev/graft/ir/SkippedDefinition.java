package dev.graft.ir;

/** A function definition the patcher left as it was, and why a person should know. */
public record SkippedDefinition(String name, Linkage linkage, String reason) {
}
