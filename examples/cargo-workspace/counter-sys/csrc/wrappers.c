/* What bindgen --wrap-static-fns writes: one external function per static inline one. */
#include "counter.h"

void counter_init__extern(struct counter *c, int64_t limit) { counter_init(c, limit); }
int64_t counter_add__extern(struct counter *c, int64_t delta) { return counter_add(c, delta); }
int64_t counter_get__extern(const struct counter *c) { return counter_get(c); }
uint32_t counter_overflows__extern(const struct counter *c) { return counter_overflows(c); }
uint64_t mix64__extern(uint64_t x) { return mix64(x); }
