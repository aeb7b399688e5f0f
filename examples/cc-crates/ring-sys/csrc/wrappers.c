/* Hand-written wrappers: Rust cannot call static inline functions. */
#include "ring.h"

#ifndef RING_WRAPPERS
#error "built without the build script's defines"
#endif

struct ring_sqe *rust_ring_get_sqe(struct ring *r) { return ring_get_sqe(r); }
void rust_ring_prep(struct ring_sqe *sqe, uint32_t op, uint32_t len, uint64_t data) { ring_prep(sqe, op, len, data); }
uint32_t rust_ring_consume(struct ring *r, uint32_t n) { return ring_consume(r, n); }
