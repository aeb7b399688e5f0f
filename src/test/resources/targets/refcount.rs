#![feature(no_core, lang_items, auto_traits)]
#![no_core]
#![allow(internal_features, non_camel_case_types)]
// No core library: rustc builds this crate for aarch64 although only the x86_64 std is installed
// (RUSTC_BOOTSTRAP=1 for the features).

#[lang = "pointee_sized"]
pub trait PointeeSized {}
#[lang = "meta_sized"]
pub trait MetaSized: PointeeSized {}
#[lang = "sized"]
pub trait Sized: MetaSized {}
#[lang = "copy"]
pub trait Copy {}
impl Copy for i32 {}
#[lang = "freeze"]
pub unsafe auto trait Freeze {}

#[repr(C)]
pub struct refcount_t {
    refs: i32,
}

// As bindgen writes them for the kernel: rustc returns the 4-byte struct as i64 on aarch64.
extern "C" {
    fn rust_helper_REFCOUNT_INIT(n: i32) -> refcount_t;
    fn rust_helper_refcount_read(r: *const refcount_t) -> i32;
    fn rust_helper_refcount_set(r: *mut refcount_t, n: i32);
}

#[no_mangle]
pub extern "C" fn init_and_read(n: i32) -> i32 {
    unsafe {
        let r = rust_helper_REFCOUNT_INIT(n);
        rust_helper_refcount_read(&r)
    }
}

#[no_mangle]
pub extern "C" fn init_set_read(n: i32, m: i32) -> i32 {
    unsafe {
        let mut r = rust_helper_REFCOUNT_INIT(n);
        rust_helper_refcount_set(&mut r, m);
        rust_helper_refcount_read(&r)
    }
}

#[no_mangle]
pub extern "C" fn make(n: i32) -> refcount_t {
    unsafe { rust_helper_REFCOUNT_INIT(n) }
}
