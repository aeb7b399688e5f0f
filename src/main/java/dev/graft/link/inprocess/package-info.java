/**
 * The in-process backend: libLLVM in graft's own process (through {@code dev.graft.llvm}), linking,
 * attribute reconciliation (what stops LLVM's inliner, and when changing it is sound: a change only makes
 * the caller more careful or provably cannot touch the helper's code; each rule a row of
 * {@link dev.graft.link.inprocess.AttributeRule#TABLE}), the pass pipeline and code
 * generation. Why a helper was or was not inlined in process is decided here; only the backend itself is
 * public.
 */
package dev.graft.link.inprocess;
