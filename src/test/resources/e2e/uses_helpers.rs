#![no_std]

extern "C" {
    fn rust_helper_add(a: i32, b: i32) -> i32;
    fn rust_helper_load(p: *const i32) -> i32;
    fn rust_helper_store(p: *mut i32, v: i32);
}

#[no_mangle]
pub extern "C" fn sum_to(n: i32) -> i32 {
    let mut s = 0i32;
    let mut i = 0;
    while i < n {
        s = unsafe { rust_helper_add(s, i) };
        i += 1;
    }
    s
}

#[no_mangle]
pub extern "C" fn bump(cell: *mut i32, times: i32) -> i32 {
    let mut i = 0;
    while i < times {
        unsafe { rust_helper_store(cell, rust_helper_load(cell).wrapping_add(1)) };
        i += 1;
    }
    unsafe { rust_helper_load(cell) }
}
