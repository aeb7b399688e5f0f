#![no_std]
// Kernel code (no SSE) calling a floating-point helper and an integer helper built with SSE.
extern "C" {
    fn rust_helper_scale(x: i32) -> i32;
    fn rust_helper_add(a: i32, b: i32) -> i32;
}

#[no_mangle]
pub extern "C" fn scaled_sum(a: i32, b: i32) -> i32 {
    unsafe { rust_helper_scale(rust_helper_add(a, b)) }
}
