#include "point.h"

int64_t point_dot(const struct point *a, const struct point *b) { return (int64_t)a->x * b->x + (int64_t)a->y * b->y; }
