// traps.rs for a target whose std is not installed (aarch64): no core library (RUSTC_BOOTSTRAP=1 for the
// features), so the unreachable comes from the intrinsic core::hint::unreachable_unchecked calls, and a flag
// stands in for the comparison.
#![feature(no_core, lang_items, intrinsics, rustc_attrs)]
#![no_core]
#![allow(internal_features)]
#![crate_type = "lib"]

#[lang = "pointee_sized"]
pub trait PointeeSized {}
#[lang = "meta_sized"]
pub trait MetaSized: PointeeSized {}
#[lang = "sized"]
pub trait Sized: MetaSized {}
#[lang = "copy"]
pub trait Copy {}
impl Copy for u32 {}
impl Copy for bool {}

#[rustc_intrinsic]
#[rustc_nounwind]
pub const unsafe fn unreachable() -> !;

unsafe extern "C" {
    fn trap_double(x: u32) -> u32;
    fn trap_report(x: u32);
    fn trap_abort() -> !;
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn unreachable_after_call(x: u32, fail: bool) -> u32 {
    let y = unsafe { trap_double(x) };
    if fail {
        unsafe {
            trap_report(y);
            unreachable()
        }
    }
    y
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn unreachable_after_noreturn(x: u32, fail: bool) -> u32 {
    let y = unsafe { trap_double(x) };
    if fail {
        unsafe { trap_abort() }
    }
    y
}
