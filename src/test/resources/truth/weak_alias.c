/* A weak alias may be overridden at link time: graft cannot make it a helper. */
__attribute__((weak)) int rust_helper_weak(int x) { return x; }
int rust_helper_weak_alias(int x) __attribute__((weak, alias("rust_helper_weak")));
