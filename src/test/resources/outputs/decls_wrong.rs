// rust_helper_add is (int, int) -> int in helpers.c: graft refuses this declaration after rustc ran.
extern "C" {
    fn rust_helper_add(a: i64, b: i64) -> i64;
}
