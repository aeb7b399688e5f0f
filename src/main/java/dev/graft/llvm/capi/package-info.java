/**
 * The raw layer of the LLVM C API binding, in the jextract manner: {@link dev.graft.llvm.capi.LibLlvm}
 * holds every downcall handle (package-private, bound on first use) behind one typed method per C function,
 * and turns an unexpected failure of a call into a {@link dev.graft.llvm.capi.NativeCallException} that
 * keeps its cause. Nothing here owns an LLVM object or knows what a call means: lifetimes and meanings are
 * {@code dev.graft.llvm}'s. No class outside this package touches a {@code MethodHandle}.
 */
package dev.graft.llvm.capi;
