#![no_std]

#[repr(C)]
pub struct Ring {
    cached_prod: u32,
    cached_cons: u32,
    mask: u32,
    size: u32,
    producer: *mut u32,
    consumer: *mut u32,
    ring: *mut u64,
}

extern "C" {
    fn rust_helper_ring_peek(r: *mut Ring, nb: u32, idx: *mut u32) -> u32;
    fn rust_helper_ring_release(r: *mut Ring, nb: u32);
    fn rust_helper_ring_fence(v: u32) -> u32;
}

/// Sums every entry the producer has published, a batch at a time, and gives the slots back.
#[no_mangle]
pub unsafe extern "C" fn drain(r: *mut Ring) -> u64 {
    let mut sum = 0u64;
    let mut idx = 0u32;
    loop {
        let n = rust_helper_ring_peek(r, 16, &mut idx);
        if n == 0 {
            return sum;
        }
        for i in 0..n {
            sum = sum.wrapping_add(*(*r).ring.add((idx.wrapping_add(i) & (*r).mask) as usize));
        }
        rust_helper_ring_release(r, n);
    }
}

#[no_mangle]
pub extern "C" fn fenced(v: u32) -> u32 {
    unsafe { rust_helper_ring_fence(v) }
}
