#![no_std]
// Calls a helper that makes an indirect call through a pointer the crate gets from its caller, so the
// indirect call survives inlining and must keep its retpoline.
extern "C" {
    fn rust_helper_call_op(op: extern "C" fn(i32) -> i32, x: i32) -> i32;
}

#[no_mangle]
pub extern "C" fn apply(op: extern "C" fn(i32) -> i32, n: i32) -> i32 {
    let mut s: i32 = 0;
    let mut i: i32 = 0;
    while i < n {
        s = unsafe { rust_helper_call_op(op, s.wrapping_add(i)) };
        i += 1;
    }
    s
}
