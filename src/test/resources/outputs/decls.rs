extern "C" {
    fn rust_helper_add(a: i32, b: i32) -> i32;
}
