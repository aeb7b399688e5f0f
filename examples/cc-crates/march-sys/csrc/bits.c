#include <stdint.h>

static inline uint32_t weight(uint64_t x) { return (uint32_t)__builtin_popcountll(x); }
static inline uint64_t low_bits(uint64_t x, unsigned n) { return x & ((n >= 64 ? 0 : (1ULL << n)) - 1); }

uint32_t bits_weight(uint64_t x) { return weight(x); }
uint64_t bits_low(uint64_t x, unsigned n) { return low_bits(x, n); }
