/* The C side: what a -sys crate wraps. Each is a static inline function of a header in a real library. */
#include <stdint.h>

int32_t rust_helper_mix(int32_t x) { return x * 31 + 7; }
uint64_t rust_helper_rotate(uint64_t x, uint32_t k) { return (x << (k & 63)) | (x >> ((64 - k) & 63)); }
int32_t rust_helper_clamp(int32_t x, int32_t lo, int32_t hi) { return x < lo ? lo : x > hi ? hi : x; }
