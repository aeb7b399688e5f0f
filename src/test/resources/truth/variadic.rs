#![no_std]
// Each call to the variadic helper sits in a function of its own, so the object holds one
// reference per call site; `hot_sum` lives in a section of its own, so without function sections
// its call to an internal helper copy in .text is relocated against `.text+offset`.

extern "C" {
    fn rust_helper_add(a: i32, b: i32) -> i32;
    fn rust_helper_sum(n: i32, ...) -> i32;
}

#[no_mangle]
pub extern "C" fn use_add(a: i32, b: i32) -> i32 {
    unsafe { rust_helper_add(rust_helper_add(a, b), b) }
}

#[no_mangle]
pub extern "C" fn use_sum(a: i32, b: i32) -> i32 {
    unsafe { rust_helper_sum(2, a, b) }
}

#[no_mangle]
#[link_section = ".text.hot"]
pub extern "C" fn hot_sum(a: i32, b: i32, c: i32) -> i32 {
    unsafe { rust_helper_sum(3, a, b, c) }.wrapping_add(1)
}
