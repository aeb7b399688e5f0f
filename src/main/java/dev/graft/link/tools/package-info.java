/**
 * The tools backend, the kernel's way: {@code llvm-link} and {@code clang} as subprocesses, with the
 * crate's code generation options as clang flags. It reconciles no attribute: it is the reference the
 * in-process backend is held against.
 */
package dev.graft.link.tools;
