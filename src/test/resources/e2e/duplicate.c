int rust_helper_add(int a, int b) { return a - b; }
