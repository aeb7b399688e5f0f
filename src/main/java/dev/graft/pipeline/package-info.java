/**
 * The steps of inlining helpers: compiling helper sources to patched bitcode, rewriting a rustc
 * command line so the crate comes out as bitcode, linking and code generation by a
 * {@link dev.graft.pipeline.Backend}. Talks to tools only through {@code dev.graft.process}; edits IR
 * only through {@code dev.graft.ir}.
 */
package dev.graft.pipeline;
