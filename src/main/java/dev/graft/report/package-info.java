/**
 * What happened to each helper call site: LLVM's inlining remarks, the calls and helper symbols
 * left in the generated object, and the report built from both (JSON for tools, text for people, and the
 * one line a build shows when calls were left, in the form cargo or make displays).
 * Decides "inlined" from the object's code, never from what was asked for.
 */
package dev.graft.report;
