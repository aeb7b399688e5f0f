/**
 * Finding the toolchain graft drives: rustc and the LLVM of the same major version (clang,
 * llvm-link, llvm-as, llvm-dis, llvm-nm, llvm-objdump, libLLVM), reading their versions and
 * refusing combinations that cannot work. Never falls back to unversioned tools on PATH: on
 * these machines that is an older LLVM that cannot read rustc's bitcode.
 */
package dev.graft.toolchain;
