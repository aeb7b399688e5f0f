#include <stdint.h>

static inline uint32_t clamp_add(uint32_t a, uint32_t b, uint32_t limit) {
    uint32_t s = a + b;
    return s > limit ? limit : s;
}

static inline uint64_t rotmix(uint64_t x, unsigned r) {
    x ^= x >> 29;
    x *= 0xbf58476d1ce4e5b9ULL;
    return (x << (r & 63)) | (x >> ((64 - r) & 63));
}
