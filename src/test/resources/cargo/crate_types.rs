// A std crate that calls the e2e helpers, built as each crate type rustc can make.
extern "C" {
    fn rust_helper_add(a: i32, b: i32) -> i32;
    fn rust_helper_load(p: *const i32) -> i32;
    fn rust_helper_store(p: *mut i32, v: i32);
}

#[no_mangle]
pub extern "C" fn sum_to(n: i32) -> i32 {
    (0..n).fold(0, |s, i| unsafe { rust_helper_add(s, i) })
}

#[no_mangle]
pub extern "C" fn bump(cell: *mut i32, times: i32) -> i32 {
    for _ in 0..times {
        unsafe { rust_helper_store(cell, rust_helper_load(cell).wrapping_add(1)) };
    }
    unsafe { rust_helper_load(cell) }
}

pub fn describe(n: i32) -> String {
    format!("sum_to({}) = {}", n, sum_to(n))
}
