/**
 * {@code graft demo}: builds the bundled example (examples/kernel-helpers) the plain way and the
 * graft way, runs both programs, and shows per helper what was inlined. Uses the pipeline exactly
 * as the commands do; owns no pipeline logic of its own.
 */
package dev.graft.demo;
