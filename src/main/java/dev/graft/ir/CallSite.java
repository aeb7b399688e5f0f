package dev.graft.ir;

/** A direct call ({@code call}, {@code invoke}, {@code callbr}) from {@code caller} to the global {@code callee}. */
public record CallSite(String caller, String callee) {
}
