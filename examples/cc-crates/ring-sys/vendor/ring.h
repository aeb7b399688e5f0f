/* A vendored ring library: a submission ring whose fast paths are static inline. */
#ifndef RING_H
#define RING_H
#include <stdint.h>
#include "ring_config.h"

struct ring_sqe {
    uint64_t user_data;
    uint32_t op;
    uint32_t len;
};

struct ring {
    uint32_t head;
    uint32_t tail;
    struct ring_sqe sqes[RING_ENTRIES];
};

int ring_setup(struct ring *r);
unsigned ring_instances(void);

static inline struct ring_sqe *ring_get_sqe(struct ring *r) {
#if RING_HAVE_MASK
    if (r->tail - r->head >= RING_ENTRIES) {
        return 0;
    }
    return &r->sqes[r->tail++ & (RING_ENTRIES - 1)];
#else
#error "configure did not run"
#endif
}

static inline void ring_prep(struct ring_sqe *sqe, uint32_t op, uint32_t len, uint64_t data) {
    sqe->op = op;
    sqe->len = len;
    sqe->user_data = data;
}

static inline uint32_t ring_consume(struct ring *r, uint32_t n) {
    uint32_t ready = r->tail - r->head;
    uint32_t done = n < ready ? n : ready;
    r->head += done;
    return done;
}
#endif
