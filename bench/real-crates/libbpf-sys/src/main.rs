//! An AF_XDP fill ring and completion ring, as an application drives them, through libbpf-sys's wrappers
//! of libbpf's static inline xsk functions: the producer side reserves, writes frame addresses and
//! submits; the consumer side (the kernel's part, played here over the same ring memory) peeks, reads and
//! releases. No socket: the rings live in this process.
use libbpf_sys::*;
use std::ptr;

const SIZE: u32 = 256;
const BATCH: usize = 16;

fn main() {
    let rounds: u64 = std::env::args().nth(1).map_or(10_000_000, |a| a.parse().expect("a count"));
    let mut producer: u32 = 0;
    let mut consumer: u32 = 0;
    let mut flags: u32 = 0;
    let mut ring = vec![0u64; SIZE as usize];
    let mut fill = xsk_ring_prod {
        cached_prod: 0,
        cached_cons: SIZE, // libbpf keeps a producer's view of the consumer one ring ahead
        mask: SIZE - 1,
        size: SIZE,
        producer: &mut producer,
        consumer: &mut consumer,
        ring: ring.as_mut_ptr().cast(),
        flags: &mut flags,
    };
    let mut comp = xsk_ring_cons {
        cached_prod: 0,
        cached_cons: 0,
        mask: SIZE - 1,
        size: SIZE,
        producer: &mut producer,
        consumer: &mut consumer,
        ring: ring.as_mut_ptr().cast(),
        flags: ptr::null_mut(),
    };
    let mut check = 0u64;
    let mut frame = 0u64;
    for _ in 0..rounds {
        unsafe {
            let mut idx = 0u32;
            let reserved = _xsk_ring_prod__reserve(&mut fill, BATCH as size_t, &mut idx);
            for i in 0..reserved as u32 {
                *_xsk_ring_prod__fill_addr(&mut fill, idx + i) = frame;
                frame = frame.wrapping_add(2048);
            }
            _xsk_ring_prod__submit(&mut fill, reserved);
            let mut cidx = 0u32;
            let ready = _xsk_ring_cons__peek(&mut comp, BATCH as size_t, &mut cidx);
            for i in 0..ready as u32 {
                let addr = *_xsk_ring_cons__comp_addr(&comp, cidx + i);
                check = check.wrapping_mul(31).wrapping_add(_xsk_umem__extract_addr(addr));
            }
            _xsk_ring_cons__release(&mut comp, ready);
        }
    }
    println!("{rounds} rounds of {BATCH}, check {check:016x}");
}
