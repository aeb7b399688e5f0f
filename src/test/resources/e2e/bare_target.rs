#![feature(no_core, lang_items)]
#![no_core]
#![allow(internal_features)]
// No core library: rustc builds this crate for any target, even one whose std is not installed
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

extern "C" {
    fn rust_helper_add(a: i32, b: i32) -> i32;
}

#[no_mangle]
pub extern "C" fn add_twice(a: i32, b: i32) -> i32 {
    unsafe { rust_helper_add(rust_helper_add(a, b), b) }
}
