/* A C library whose API is static inline functions: Rust cannot call them directly. */
#ifndef COUNTER_H
#define COUNTER_H
#include <stdint.h>

struct counter {
    int64_t value;
    int64_t limit;
    uint32_t overflows;
};

static inline void counter_init(struct counter *c, int64_t limit)
{
    c->value = 0;
    c->limit = limit;
    c->overflows = 0;
}

static inline int64_t counter_add(struct counter *c, int64_t delta)
{
    c->value += delta;
    if (c->value >= c->limit) {
        c->value -= c->limit;
        c->overflows++;
    }
    return c->value;
}

static inline int64_t counter_get(const struct counter *c)
{
    return c->value;
}

static inline uint32_t counter_overflows(const struct counter *c)
{
    return c->overflows;
}

static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    return x;
}
#endif
