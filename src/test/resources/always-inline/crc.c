/* Helpers built with -msse4.2 whose code needs it: one wraps an always_inline function (graft helpers
 * finds it), one is always_inline itself. Inlined into a caller without SSE4.2, the intrinsic could not
 * even be compiled. */
#include <nmmintrin.h>
#include <stdint.h>

static inline __attribute__((always_inline)) uint32_t crc_step(uint32_t crc, uint32_t v) {
    return _mm_crc32_u32(crc, v);
}

uint32_t rust_helper_crc_wrapped(uint32_t crc, uint32_t v) { return crc_step(crc, v); }

__attribute__((always_inline)) uint32_t rust_helper_crc_forced(uint32_t crc, uint32_t v) {
    return _mm_crc32_u32(crc, v);
}

uint32_t rust_helper_add(uint32_t a, uint32_t b) { return a + b; }
