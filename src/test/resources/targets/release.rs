#![feature(no_core, lang_items, auto_traits)]
#![no_core]
#![allow(internal_features)]
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
impl Copy for u64 {}
impl Copy for bool {}
#[lang = "freeze"]
pub unsafe auto trait Freeze {}

extern "C" {
    fn rust_helper_release_mem_region(start: u64, n: u64);
    fn rust_helper_release_region(start: u64, n: u64);
}

// As Linux's Region::drop: the helper picked by address, then called through the pointer.
#[no_mangle]
pub extern "C" fn release(mem: bool, start: u64, n: u64) {
    let release_fn: unsafe extern "C" fn(u64, u64) =
        if mem { rust_helper_release_mem_region } else { rust_helper_release_region };
    unsafe { release_fn(start, n) }
}

// And a direct call, which inlines.
#[no_mangle]
pub extern "C" fn release_mem(start: u64, n: u64) {
    unsafe { rust_helper_release_mem_region(start, n) }
}
