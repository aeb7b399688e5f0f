/**
 * Helper libraries: {@code graft helpers} compiling C helper sources to linkage-patched bitcode (the flags
 * it drops, the always_inline intent it records, the cache key and the headers that could shadow a cached
 * compile), and {@link dev.graft.helpers.HelperLibrary} reading one back (its helpers, their signatures,
 * linkage policy and target). Knows nothing of rustc, crates or backends.
 */
package dev.graft.helpers;
