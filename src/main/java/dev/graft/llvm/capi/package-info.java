/**
 * The raw binding of the LLVM C API: the downcall handles, their function descriptors and the enum
 * values graft uses, nothing else. Every native call in graft goes through here; only
 * {@code dev.graft.llvm} may use it.
 */
package dev.graft.llvm.capi;
