//! A std Rust library crate that uses kernel-style helpers (from ../kernel-helpers) together with
//! Vec, Box, String, BTreeMap and println!. `graft rustc` builds its object; `main.rs` is an
//! ordinary binary crate that links that object in.

use std::collections::BTreeMap;
use std::ffi::{c_int, c_long, c_void};

include!("../kernel-helpers/bindings.rs");

struct Shared {
    refcount: Refcount,
    name: String,
}

/// Shares four objects `n` times round-robin, then drops every reference, counting the drops
/// until each count reaches zero; then sorts `n` results into values and error pointers.
#[no_mangle]
pub extern "C" fn app_main(n: u64) -> c_int {
    let mut objects: Vec<Box<Shared>> = (0..4)
        .map(|i| Box::new(Shared { refcount: Refcount { refs: 0 }, name: format!("obj{i}") }))
        .collect();
    for object in objects.iter_mut() {
        unsafe { rust_helper_refcount_set(&mut object.refcount, 1) };
    }
    for i in 0..n {
        let object = &mut objects[(i % 4) as usize];
        unsafe { rust_helper_refcount_inc(&mut object.refcount) };
    }
    let mut released = Vec::new();
    for object in objects.iter_mut() {
        let mut drops = 0;
        loop {
            drops += 1;
            if unsafe { rust_helper_refcount_dec_and_test(&mut object.refcount) } {
                break;
            }
        }
        released.push((object.name.clone(), drops));
    }
    println!("refcounts: {:?}", released);

    let results: Vec<*mut c_void> = (0..n)
        .map(|i| {
            if i % 5 == 0 {
                unsafe { rust_helper_ERR_PTR(-((i % 100 + 1) as c_long)) }
            } else {
                Box::into_raw(Box::new(i)) as *mut c_void
            }
        })
        .collect();
    let mut errors: BTreeMap<c_long, usize> = BTreeMap::new();
    let mut value_sum = 0u64;
    for p in results {
        if unsafe { rust_helper_IS_ERR(p) } {
            *errors.entry(unsafe { rust_helper_PTR_ERR(p) }).or_default() += 1;
        } else {
            value_sum += *unsafe { Box::from_raw(p as *mut u64) };
        }
    }
    println!(
        "errors: {} distinct, {} total; value sum {}",
        errors.len(),
        errors.values().sum::<usize>(),
        value_sum
    );
    0
}
