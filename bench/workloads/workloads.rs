//! Benchmark workloads: hot loops over the kernel-style helpers of examples/kernel-helpers.
//! `#![no_std]`, panic-free (raw pointers, wrapping arithmetic); the iteration count comes from the
//! caller and every function returns a checksum, so nothing is folded away or dropped.
#![no_std]

use core::ffi::{c_long, c_ulong, c_void};

include!("../../examples/kernel-helpers/bindings.rs");

/// The kernel's measured case: `refcount_inc()` in a loop.
#[no_mangle]
pub extern "C" fn wl_refcount_inc(iters: c_ulong, r: *mut Refcount) -> c_ulong {
    unsafe {
        rust_helper_refcount_set(r, 0);
        for _ in 0..iters {
            rust_helper_refcount_inc(r);
        }
        rust_helper_refcount_read(r) as c_ulong
    }
}

#[no_mangle]
pub extern "C" fn wl_refcount_dec_and_test(iters: c_ulong, r: *mut Refcount) -> c_ulong {
    let mut zeros: c_ulong = 0;
    unsafe {
        for _ in 0..iters {
            rust_helper_refcount_inc(r);
            if rust_helper_refcount_dec_and_test(r) {
                zeros += 1;
            }
        }
        zeros.wrapping_add(rust_helper_refcount_read(r) as c_ulong)
    }
}

/// Entries in the pointer array of `wl_is_err` and `wl_mixed` (a power of two: masking needs no panic path).
pub const PTRS: c_ulong = 64;

/// `IS_ERR`/`PTR_ERR` over an array of pointers, a quarter of them errors.
#[no_mangle]
pub extern "C" fn wl_is_err(iters: c_ulong, ptrs: *const *mut c_void) -> c_ulong {
    let mut sum: c_long = 0;
    unsafe {
        for i in 0..iters {
            let p = *ptrs.add((i & (PTRS - 1)) as usize);
            if rust_helper_IS_ERR(p) {
                sum = sum.wrapping_add(rust_helper_PTR_ERR(p));
            }
        }
    }
    sum as c_ulong
}

/// Fills the pointer array for `wl_is_err` (outside the timed loop).
#[no_mangle]
pub extern "C" fn wl_make_err_ptrs(ptrs: *mut *mut c_void, valid: *mut c_void) {
    for i in 0..PTRS {
        unsafe {
            *ptrs.add(i as usize) = if i % 4 == 0 { rust_helper_ERR_PTR(-((i % 4095) as c_long) - 1) } else { valid };
        }
    }
}

/// List churn: add a node at the head and delete it again.
#[no_mangle]
pub extern "C" fn wl_list_churn(iters: c_ulong, head: *mut ListHead, nodes: *mut ListHead) -> c_ulong {
    let mut non_empty: c_ulong = 0;
    unsafe {
        rust_helper_INIT_LIST_HEAD(head);
        for i in 0..iters {
            let node = nodes.add((i % 16) as usize);
            rust_helper_list_add(node, head);
            if !rust_helper_list_empty(head) {
                non_empty += 1;
            }
            rust_helper_list_del(node);
        }
    }
    non_empty
}

/// Set, test and clear bits of a 1024-bit bitmap.
#[no_mangle]
pub extern "C" fn wl_bitops(iters: c_ulong, map: *mut c_ulong) -> c_ulong {
    let mut seen: c_ulong = 0;
    unsafe {
        for i in 0..iters {
            let nr = i.wrapping_mul(7) % 1024;
            rust_helper_set_bit(nr, map);
            if rust_helper_test_bit((nr + 1) % 1024, map) {
                seen += 1;
            }
            rust_helper_clear_bit((nr + 512) % 1024, map);
        }
    }
    seen
}

/// An uncontended spinlock around a counter.
#[no_mangle]
pub extern "C" fn wl_spinlock(iters: c_ulong, lock: *mut Spinlock) -> c_ulong {
    let mut counter: c_ulong = 0;
    unsafe {
        for _ in 0..iters {
            rust_helper_spin_lock(lock);
            counter = counter.wrapping_add(1);
            rust_helper_spin_unlock(lock);
        }
    }
    counter
}

/// A bit of everything per iteration, as driver code mixes them.
#[no_mangle]
pub extern "C" fn wl_mixed(iters: c_ulong, r: *mut Refcount, lock: *mut Spinlock, map: *mut c_ulong,
                           ptrs: *const *mut c_void) -> c_ulong {
    let mut acc: c_ulong = 0;
    unsafe {
        for i in 0..iters {
            rust_helper_spin_lock(lock);
            rust_helper_refcount_inc(r);
            let p = *ptrs.add((i & (PTRS - 1)) as usize);
            if !rust_helper_IS_ERR(p) {
                rust_helper_set_bit(i % 1024, map);
            }
            if rust_helper_test_bit((i + 3) % 1024, map) {
                acc += 1;
            }
            rust_helper_spin_unlock(lock);
        }
        acc.wrapping_add(rust_helper_refcount_read(r) as c_ulong)
    }
}

