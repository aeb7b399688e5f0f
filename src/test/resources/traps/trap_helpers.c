/* The helper graft inlines into both Rust functions of traps.rs, before their unreachable paths. */
unsigned trap_double(unsigned x) { return x * 2; }
