/* Helpers in the kernel's style: one-line wrappers around "static inline" API. */
#include "api.h"

int rust_helper_add(int a, int b) { return api_add(a, b); }
int rust_helper_load(const int *p) { return api_load(p); }
void rust_helper_store(int *p, int v) { api_store(p, v); }
