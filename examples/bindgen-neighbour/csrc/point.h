/* A header as real C libraries write them: it includes the compiler's intrinsics headers, which clang
 * reads as part of the libclang bindgen loaded, from the resource directory of the clang it found. */
#include <stdint.h>
#include <stdlib.h>
#include <immintrin.h>

struct point { int32_t x, y; };
int64_t point_dot(const struct point *a, const struct point *b);
