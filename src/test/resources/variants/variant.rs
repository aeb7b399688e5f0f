#![no_std]

extern "C" {
    fn rust_helper_build_kind(x: i32) -> i32;
}

#[no_mangle]
pub extern "C" fn build_kind(x: i32) -> i32 {
    unsafe { rust_helper_build_kind(x) }
}
