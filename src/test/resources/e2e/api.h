static inline int api_add(int a, int b) { return a + b; }
static inline int api_load(const int *p) { return __atomic_load_n(p, __ATOMIC_RELAXED); }
static inline void api_store(int *p, int v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
