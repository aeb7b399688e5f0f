/**
 * graft as a rustc wrapper: reading a rustc command line as rustc does (option spellings, {@code --emit}
 * kinds and the paths rustc would give them, code generation options), running rustc with the object
 * turned into bitcode, and mending the dep-info so a build system sees the object. The object itself is
 * {@code link}'s business; nothing here touches LLVM.
 */
package dev.graft.rustc;
