/**
 * libLLVM from Java, through java.lang.foreign: {@link dev.graft.llvm.Llvm} (the loaded library),
 * {@link dev.graft.llvm.Context}, {@link dev.graft.llvm.Module} and {@link dev.graft.llvm.TargetMachine}
 * as AutoCloseable owners whose javadoc says who disposes what. Every LLVM error message becomes an
 * {@link dev.graft.llvm.LlvmException} carrying it. Knows nothing of rustc, clang or reports.
 */
package dev.graft.llvm;
