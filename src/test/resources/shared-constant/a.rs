#![no_std]

extern "C" {
    fn rust_helper_table() -> *const i32;
    fn rust_helper_weight(i: i32) -> i32;
}

#[no_mangle]
pub extern "C" fn table_a() -> *const i32 {
    unsafe { rust_helper_table() }
}

#[no_mangle]
pub extern "C" fn weight_a(i: i32) -> i32 {
    unsafe { rust_helper_weight(i) }
}
