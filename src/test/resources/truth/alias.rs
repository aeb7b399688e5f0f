#![no_std]
// Calls helpers only by their alias names.
extern "C" {
    fn rust_helper_plus(a: i32, b: i32) -> i32;
    fn rust_helper_twice(x: i32) -> i32;
    fn rust_helper_put(p: *mut i32, v: i32);
    fn rust_helper_total(n: i32, ...) -> i32;
}

#[no_mangle]
pub extern "C" fn through_aliases(n: i32) -> i32 {
    let mut cell = 0;
    let mut i = 0;
    while i < n {
        unsafe { rust_helper_put(&mut cell, rust_helper_plus(cell, rust_helper_twice(i))) };
        i += 1;
    }
    cell + unsafe { rust_helper_total(3, n, 1, 2) }
}
