/**
 * The one place graft starts subprocesses. Argument lists only (never a shell string),
 * both pipes drained concurrently, a deadline on every run, and command lines rendered
 * copy-pasteably for {@code --verbose} and error messages. Knows nothing about LLVM or rustc.
 */
package dev.graft.process;
