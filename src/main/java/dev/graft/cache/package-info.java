/**
 * The content-addressed cache of helper bitcode. An entry is keyed by everything that decides its
 * bytes (sources, flags, linkage policy, toolchain) and remembers the headers the compile read, so
 * an edited header is a miss (like ccache's direct mode). Entries appear atomically and carry a
 * checksum: a damaged entry is detected and rebuilt, never used. Knows nothing about clang.
 */
package dev.graft.cache;
