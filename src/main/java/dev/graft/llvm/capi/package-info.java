/**
 * The raw layer of the LLVM C API binding, in the jextract manner, and generated as jextract's is:
 * {@link dev.graft.llvm.capi.LibLlvmFunctions} is written at build time from the declaration list
 * {@code src/main/capi/llvm-c.functions} by {@code src/main/capi/GenerateBinding.java} (one typed method per
 * C function over a {@link dev.graft.llvm.capi.Downcall}, bound on first use; an unexpected failure of a call
 * becomes a {@link dev.graft.llvm.capi.NativeCallException} that keeps its cause), and
 * {@link dev.graft.llvm.capi.LibLlvm} adds by hand what is not mechanical. A new C function is a line in the
 * list, never a hand-written method. Nothing here owns an LLVM object or knows what a call means: lifetimes
 * and meanings are {@code dev.graft.llvm}'s. No class outside this package touches a {@code MethodHandle}.
 */
package dev.graft.llvm.capi;
