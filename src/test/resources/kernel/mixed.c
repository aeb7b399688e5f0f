/* Built as user-space C (SSE on): one helper computes in floating point, one only with integers. */
int rust_helper_scale(int x) { return (int)(x * 1.5); }
int rust_helper_add(int a, int b) { return a + b; }
