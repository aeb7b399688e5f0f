/**
 * The benchmarks behind bench/RESULTS.md: run time of helper-heavy loops built plain, through graft,
 * with cross-language LTO and as C; build time of each; how graft's time grows with crate size; and
 * graft's own start-up. Variants run interleaved in one process tree (A B C D A B C D ...) so machine
 * drift hits all alike; medians and ratios are what is reported. Uses the pipeline only through the
 * graft command line, as a build would.
 */
package dev.graft.bench;
