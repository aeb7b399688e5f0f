//! The demo crate: kernel-style Rust code using every helper of `helpers.c` in loops.
//!
//! `#![no_std]` and panic-free (raw pointers instead of indexing, wrapping arithmetic), so its object
//! links into a C program without Rust's runtime. Iteration counts come from the caller, so nothing
//! is constant-folded away.
#![no_std]

use core::ffi::{c_long, c_ulong, c_void};
use core::ptr;

include!("../bindings.rs");

/// Takes `n` references and drops them again; then drops the last one.
/// Returns `count before the last drop * 1000 + (last drop hit zero) + early zeros`.
#[no_mangle]
pub extern "C" fn demo_refcount(n: c_ulong) -> c_long {
    let mut r = Refcount { refs: 0 };
    let mut early_zeros: c_long = 0;
    unsafe {
        rust_helper_refcount_set(&mut r, 1);
        for _ in 0..n {
            rust_helper_refcount_inc(&mut r);
        }
        for _ in 0..n {
            if rust_helper_refcount_dec_and_test(&mut r) {
                early_zeros += 1;
            }
        }
        let before = rust_helper_refcount_read(&r) as c_long;
        let last = rust_helper_refcount_dec_and_test(&mut r) as c_long;
        before * 1000 + last + early_zeros
    }
}

/// Every third pointer is an error pointer; sums the errors and counts error-or-null pointers.
#[no_mangle]
pub extern "C" fn demo_err_ptr(n: c_ulong) -> c_long {
    let mut target: c_long = 0;
    let valid = &mut target as *mut c_long as *mut c_void;
    let mut sum: c_long = 0;
    let mut err_or_null: c_long = 0;
    for i in 0..n {
        let p = match i % 3 {
            0 => unsafe { rust_helper_ERR_PTR(-(((i % 4095) + 1) as c_long)) },
            1 => ptr::null_mut(),
            _ => valid,
        };
        unsafe {
            if rust_helper_IS_ERR(p) {
                sum = sum.wrapping_add(rust_helper_PTR_ERR(p));
            }
            if rust_helper_IS_ERR_OR_NULL(p) {
                err_or_null += 1;
            }
        }
    }
    sum.wrapping_mul(10).wrapping_sub(err_or_null)
}

const NODES: usize = 8;

/// Churns eight objects on and off a list (alternating head and tail insertion), then walks the
/// list, finding each object from its node with `container_of`. Returns a checksum of the order.
#[no_mangle]
pub extern "C" fn demo_list(n: c_ulong) -> c_long {
    let mut head = ListHead { next: ptr::null_mut(), prev: ptr::null_mut() };
    let mut objs: [Kobj; NODES] = unsafe { core::mem::zeroed() };
    let mut on_list: [bool; NODES] = [false; NODES];
    let objs = objs.as_mut_ptr();
    let on_list = on_list.as_mut_ptr();
    let mut empties: c_long = 0;
    unsafe {
        rust_helper_INIT_LIST_HEAD(&mut head);
        for k in 0..NODES {
            (*objs.add(k)).id = k as c_long + 1;
        }
        for i in 0..n {
            let k = (i.wrapping_mul(5) % NODES as c_ulong) as usize;
            let node = ptr::addr_of_mut!((*objs.add(k)).node);
            if *on_list.add(k) {
                rust_helper_list_del(node);
                *on_list.add(k) = false;
            } else if i % 2 == 0 {
                rust_helper_list_add(node, &mut head);
                *on_list.add(k) = true;
            } else {
                rust_helper_list_add_tail(node, &mut head);
                *on_list.add(k) = true;
            }
            if rust_helper_list_empty(&head) {
                empties += 1;
            }
        }
        let mut checksum: c_long = 0;
        let mut pos = head.next;
        while pos != &mut head as *mut ListHead {
            let obj = rust_helper_kobj_from_node(pos);
            checksum = checksum.wrapping_mul(31).wrapping_add((*obj).id);
            pos = (*pos).next;
        }
        checksum.wrapping_mul(1000).wrapping_add(empties)
    }
}

/// Toggles bits of a 256-bit bitmap in a stride pattern; returns set-bit count * 1000 + first set bit.
#[no_mangle]
pub extern "C" fn demo_bitmap(n: c_ulong) -> c_long {
    let mut map: [c_ulong; 4] = [0; 4];
    let map = map.as_mut_ptr();
    unsafe {
        for i in 0..n {
            let nr = i.wrapping_mul(7) % 256;
            if rust_helper_test_bit(nr, map) {
                rust_helper_clear_bit(nr, map);
            } else {
                rust_helper_set_bit(nr, map);
            }
        }
        let mut count: c_long = 0;
        for nr in 0..256 {
            if rust_helper_test_bit(nr, map) {
                count += 1;
            }
        }
        let mut first: c_long = -1;
        for w in 0..4 {
            let word = *map.add(w);
            if word != 0 {
                first = (w as c_long) * 64 + rust_helper___ffs(word) as c_long;
                break;
            }
        }
        count * 1000 + first
    }
}

/// Takes and releases an uncontended lock `n` times, trying it while held every fourth round.
/// Returns `critical sections * 10 + successful trylocks`.
#[no_mangle]
pub extern "C" fn demo_spinlock(n: c_ulong) -> c_long {
    let mut lock = Spinlock { locked: 0 };
    let mut sections: c_long = 0;
    let mut trylocks: c_long = 0;
    unsafe {
        rust_helper_spin_lock_init(&mut lock);
        for i in 0..n {
            rust_helper_spin_lock(&mut lock);
            sections += 1;
            if i % 4 == 0 && rust_helper_spin_trylock(&mut lock) {
                trylocks += 1; // never: the lock is held
            }
            rust_helper_spin_unlock(&mut lock);
            if i % 4 == 1 && rust_helper_spin_trylock(&mut lock) {
                trylocks += 1;
                rust_helper_spin_unlock(&mut lock);
            }
        }
    }
    sections * 10 + trylocks
}
