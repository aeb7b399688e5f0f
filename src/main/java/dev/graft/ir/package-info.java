/**
 * LLVM textual IR as graft needs it: a lexer that knows IR's lexical rules (comments, strings,
 * quoted names, metadata, attribute groups), a scan of the module's top-level entities and call
 * sites, and the linkage patcher for helper definitions. Edits are made at token offsets, so every
 * byte graft does not mean to change stays as clang wrote it. Runs no tools and touches no files.
 */
package dev.graft.ir;
