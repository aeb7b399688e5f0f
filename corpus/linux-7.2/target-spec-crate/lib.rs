//! A kernel-like crate for Kbuild's custom target (`--target=./scripts/target.json`): built with the
//! tree's own flags, it shows what the target and those flags ask of code generation, function by
//! function. `#![no_core]`, with the few language items it needs, because the kernel's `core` for that
//! target is built from rust-src, which this machine's rustc does not have.
#![feature(no_core, lang_items, rustc_attrs, decl_macro)]
#![no_core]
#![allow(internal_features)]

#[lang = "pointee_sized"]
/// Language item.
pub trait PointeeSized {}
#[lang = "meta_sized"]
/// Language item.
pub trait MetaSized: PointeeSized {}
#[lang = "sized"]
/// Language item.
pub trait Sized: MetaSized {}
#[lang = "copy"]
/// Language item.
pub trait Copy {}
impl Copy for i64 {}
impl Copy for u64 {}
impl Copy for usize {}
impl Copy for bool {}
impl<T: Copy, const N: usize> Copy for [T; N] {}
impl<T: ?Sized> Copy for *const T {}
impl<T: ?Sized> Copy for *mut T {}

/// Language item.
///
/// # Safety
///
/// Never called: nothing in this crate has drop glue.
#[lang = "drop_in_place"]
#[allow(unconditional_recursion)]
pub unsafe fn drop_in_place<T: ?Sized>(to_drop: *mut T) {
    // SAFETY: never reached (see above).
    unsafe { drop_in_place(to_drop) }
}

#[rustc_builtin_macro]
macro asm("assembly template", $(operands,)* $(options($(option),*))?) {
    /* compiler built-in */
}

extern "C" {
    fn rust_helper_ERR_PTR(err: i64) -> *mut u8;
    fn rust_helper_IS_ERR(ptr: *const u8) -> bool;
    fn rust_helper_PTR_ERR(ptr: *const u8) -> i64;
}

/// Data the code model decides how to address.
pub static mut TABLE: [u64; 8] = [1, 2, 3, 4, 5, 6, 7, 8];

/// Calls helpers: the one function graft changes.
#[no_mangle]
pub extern "C" fn kernel_err(code: i64) -> i64 {
    // SAFETY: the helpers take any value.
    unsafe {
        let p = rust_helper_ERR_PTR(code);
        if rust_helper_IS_ERR(p) {
            rust_helper_PTR_ERR(p)
        } else {
            0
        }
    }
}

/// An absolute address: sign-extended 32 bits in the kernel code model (R_X86_64_32S).
#[no_mangle]
pub extern "C" fn table_address() -> *mut [u64; 8] {
    &raw mut TABLE
}

/// A 64-byte copy: SSE moves unless the target's features (soft-float, no SSE) forbid them.
///
/// # Safety
///
/// `dst` must be valid for writes.
#[no_mangle]
pub unsafe extern "C" fn copy_table(dst: *mut [u64; 8]) {
    // SAFETY: the caller's promise; TABLE is only read.
    unsafe { *dst = TABLE }
}

/// A leaf function with a local in memory: below the stack pointer with a red zone, after `sub` without.
#[no_mangle]
pub extern "C" fn leaf_with_local(x: u64) {
    let local = [x, x, x, x];
    // SAFETY: the assembly only names the address.
    unsafe { asm!("/* {0} */", in(reg) &raw const local, options(nostack)) }
}

/// An indirect call: through the retpoline thunk the target's features ask for.
#[no_mangle]
pub extern "C" fn call_indirect(f: extern "C" fn() -> i64) -> i64 {
    f()
}
