#![no_std]
extern "C" {
    fn rust_helper_next() -> i32;
}

#[no_mangle]
pub extern "C" fn b_next() -> i32 {
    unsafe { rust_helper_next() }
}
