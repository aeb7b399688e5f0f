#![no_std]

// A crate that defines a symbol the helper library also defines: a real conflict.
#[no_mangle]
pub extern "C" fn rust_helper_add(a: i32, b: i32) -> i32 {
    a.wrapping_sub(b)
}
