/* A helper with an indirect call: built with retpolines, it must never lose them by being inlined. */
int rust_helper_call_op(int (*op)(int), int x) { return op(x); }
