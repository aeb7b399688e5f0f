#![no_std]

// The helpers' declarations come from another file, as bindgen output usually does: only the
// dep-info file tells a build system that this crate depends on it.
include!("decls.rs");

#[no_mangle]
pub extern "C" fn sum_to(n: i32) -> i32 {
    let mut s = 0i32;
    let mut i = 0;
    while i < n {
        s = unsafe { rust_helper_add(s as _, i as _) as i32 };
        i += 1;
    }
    s
}
