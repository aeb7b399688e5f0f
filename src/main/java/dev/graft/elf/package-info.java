/**
 * Editing rustc's relocatable ELF objects in Java: a reader of ELF64 little-endian {@code ET_REL} files
 * ({@link dev.graft.elf.RelocatableObject}) and the one edit graft needs, taking functions out of an object
 * so that their new definitions in another object take their place ({@link dev.graft.elf.FunctionRemoval}).
 * It is how graft regenerates only the functions of a codegen unit that call helpers instead of the whole unit:
 * rustc's object O, minus those functions, and an object P of their new definitions go into the link side by
 * side; the private functions and statics of O that P still uses get hidden global names
 * ({@link dev.graft.elf.HiddenAlias}).
 *
 * <p>An edit either is exact or is {@link dev.graft.elf.Refused refused}: whatever the editor does not fully
 * understand is a refusal, and graft then regenerates the whole unit as before. No native calls and no
 * subprocesses here; the package reads and writes bytes only and never touches files.
 */
package dev.graft.elf;
