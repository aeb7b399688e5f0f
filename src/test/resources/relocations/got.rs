#![no_std]
extern "C" {
    static COUNTER: i32;
    fn external_step(x: i32) -> i32;
}
#[no_mangle]
pub extern "C" fn next_counter() -> i32 {
    unsafe { external_step(COUNTER) }
}
