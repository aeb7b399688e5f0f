/* A helper reached under a second name, by alias. */
int rust_helper_add(int a, int b) { return a + b; }
int rust_helper_plus(int a, int b) __attribute__((alias("rust_helper_add")));
