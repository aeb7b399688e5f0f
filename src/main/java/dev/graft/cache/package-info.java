/**
 * The content-addressed cache of helper bitcode. An entry is keyed by everything that decides its
 * bytes (sources, flags, linkage policy, toolchain, the compiler's environment, graft's own code) and remembers the
 * headers the compile read, so an edited header is a miss, and the files whose appearance would have
 * shadowed one of them, so a header that appears earlier on the search path is a miss too (like
 * ccache's direct mode). Entries appear atomically and carry a checksum: a damaged entry is detected
 * and rebuilt, never used. Knows nothing about clang.
 */
package dev.graft.cache;
