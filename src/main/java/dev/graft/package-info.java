/**
 * graft: inlines C helper functions into Rust crates at build time without global LTO.
 * This root package holds only what every layer shares: the documented exit codes and the
 * exception that carries one to the command line.
 */
package dev.graft;
