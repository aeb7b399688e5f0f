#![no_std]
// Rust callers of helpers built with -fno-delete-null-pointer-checks, -fstack-protector-strong or a sanitizer.
extern "C" {
    fn rust_helper_first(p: *const i32) -> i32;
    fn rust_helper_pick(src: *const i32, n: i32) -> i32;
}

#[no_mangle]
pub extern "C" fn first(p: *const i32) -> i32 {
    unsafe { rust_helper_first(p) }
}

#[no_mangle]
pub extern "C" fn pick(src: *const i32, n: i32) -> i32 {
    unsafe { rust_helper_pick(src, n) }
}
