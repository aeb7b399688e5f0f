#![no_std]

// rust_helper_add is (int, int) -> int in helpers.c; this declaration is wrong on purpose.
extern "C" {
    fn rust_helper_add(a: i64) -> i64;
}

#[no_mangle]
pub extern "C" fn twice(x: i64) -> i64 {
    unsafe { rust_helper_add(x) }
}
