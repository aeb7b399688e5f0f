/**
 * rustc's command line, and graft as a rustc wrapper. {@link dev.graft.rustc.RustcOption#TABLE} declares
 * rustc's options once (spelling, value, what each means to graft); {@link dev.graft.rustc.RustcInvocation}
 * is a command line read with it, the one value {@code graft rustc}, the cargo wrapper and its linker shim
 * ask ({@code graft link} reads its code generation flags with the same table). Then: {@code --emit} kinds and the paths rustc would give them, code generation
 * options ({@link dev.graft.rustc.CodegenFlags}), running rustc with the object
 * turned into bitcode, and mending the dep-info so a build system sees the object. The object itself is
 * {@code link}'s business; nothing here touches LLVM.
 */
package dev.graft.rustc;
