//! Rust callers of libxdp's AF_XDP ring API (`<xdp/xsk.h>`), through the wrappers generated from
//! `../helpers.list`: every wrapper is called. No socket: each ring is memory this crate allocates,
//! seen from both ends, as the kernel would see it: a producer view (`fill`, `tx`) and a consumer view
//! (`comp`, `rx`) over the same producer/consumer indices and slots. `xdp_corpus_run` prints what
//! `../main.c` prints when it calls the inline functions directly; `xdp_corpus_bench` is the
//! benchmark's hot loop. The crate's object is linked into `main.rs`'s binary (plain: with the
//! wrappers' object; through graft: without, every wrapper inlined).
use std::ffi::{c_int, c_void};

/// `struct xsk_ring_prod` and `struct xsk_ring_cons` (`DEFINE_XSK_RING`: the same layout).
#[repr(C)]
pub struct XskRing {
    cached_prod: u32,
    cached_cons: u32,
    mask: u32,
    size: u32,
    producer: *mut u32,
    consumer: *mut u32,
    ring: *mut c_void,
    flags: *mut u32,
}

/// `struct xdp_desc` from `<linux/if_xdp.h>`.
#[repr(C)]
pub struct XdpDesc {
    addr: u64,
    len: u32,
    options: u32,
}

extern "C" {
    fn xsk_ring_prod__fill_addr__extern(fill: *mut XskRing, idx: u32) -> *mut u64;
    fn xsk_ring_cons__comp_addr__extern(comp: *const XskRing, idx: u32) -> *const u64;
    fn xsk_ring_prod__tx_desc__extern(tx: *mut XskRing, idx: u32) -> *mut XdpDesc;
    fn xsk_ring_cons__rx_desc__extern(rx: *const XskRing, idx: u32) -> *const XdpDesc;
    fn xsk_ring_prod__needs_wakeup__extern(r: *const XskRing) -> c_int;
    fn xsk_prod_nb_free__extern(r: *mut XskRing, nb: u32) -> u32;
    fn xsk_cons_nb_avail__extern(r: *mut XskRing, nb: u32) -> u32;
    fn xsk_ring_prod__reserve__extern(prod: *mut XskRing, nb: u32, idx: *mut u32) -> u32;
    fn xsk_ring_prod__submit__extern(prod: *mut XskRing, nb: u32);
    fn xsk_ring_cons__peek__extern(cons: *mut XskRing, nb: u32, idx: *mut u32) -> u32;
    fn xsk_ring_cons__cancel__extern(cons: *mut XskRing, nb: u32);
    fn xsk_ring_cons__release__extern(cons: *mut XskRing, nb: u32);
    fn xsk_umem__get_data__extern(umem_area: *mut c_void, addr: u64) -> *mut c_void;
    fn xsk_umem__extract_addr__extern(addr: u64) -> u64;
    fn xsk_umem__extract_offset__extern(addr: u64) -> u64;
    fn xsk_umem__add_offset_to_addr__extern(addr: u64) -> u64;
}

const FRAMES: u64 = 64;
const FRAME_SIZE: u64 = 2048;
const XDP_RING_NEED_WAKEUP: u32 = 1;
const XSK_UNALIGNED_BUF_OFFSET_SHIFT: u32 = 48;

/// The memory behind one ring: indices, flags and `size` slots of `T`, shared by both views.
struct RingMemory<T> {
    producer: Box<u32>,
    consumer: Box<u32>,
    flags: Box<u32>,
    slots: Vec<T>,
}

impl<T: Default + Clone> RingMemory<T> {
    fn new(size: u32) -> Self {
        RingMemory { producer: Box::new(0), consumer: Box::new(0), flags: Box::new(0),
            slots: vec![T::default(); size as usize] }
    }

    fn view(&mut self, producer_side: bool) -> XskRing {
        let size = self.slots.len() as u32;
        XskRing {
            cached_prod: *self.producer,
            // libxdp keeps a producer's cached consumer index one ring size ahead
            cached_cons: *self.consumer + if producer_side { size } else { 0 },
            mask: size - 1,
            size,
            producer: &mut *self.producer,
            consumer: &mut *self.consumer,
            ring: self.slots.as_mut_ptr() as *mut c_void,
            flags: &mut *self.flags,
        }
    }
}

impl Default for XdpDesc {
    fn default() -> Self {
        XdpDesc { addr: 0, len: 0, options: 0 }
    }
}

impl Clone for XdpDesc {
    fn clone(&self) -> Self {
        XdpDesc { addr: self.addr, len: self.len, options: self.options }
    }
}

/// What one run counted; printed as one line, the C program's too.
#[derive(Default)]
struct Tally {
    filled: u64,
    completed: u64,
    sent: u64,
    received: u64,
    cancelled: u64,
    dropped: u64,
    bytes: u64,
    checksum: u64,
    wakeups: u64,
    free_seen: u64,
    avail_seen: u64,
    unaligned: u64,
}

/// `rounds` rounds of: fill frame addresses, complete them, write a packet into each frame and send
/// its descriptor, receive (cancelling one descriptor every fifth round) and checksum the packets.
#[no_mangle]
pub extern "C" fn xdp_corpus_run(rounds: u64) {
    let mut umem = vec![0u8; (FRAMES * FRAME_SIZE) as usize];
    let area = umem.as_mut_ptr() as *mut c_void;
    let (mut fill_mem, mut tx_mem) = (RingMemory::<u64>::new(32), RingMemory::<XdpDesc>::new(16));
    let (mut fill, mut comp) = (fill_mem.view(true), fill_mem.view(false));
    let (mut tx, mut rx) = (tx_mem.view(true), tx_mem.view(false));
    let mut t = Tally::default();
    unsafe {
        for round in 0..rounds {
            let batch = 1 + (round % 8) as u32;
            *fill.flags = if round % 4 == 0 { XDP_RING_NEED_WAKEUP } else { 0 };
            t.wakeups += (xsk_ring_prod__needs_wakeup__extern(&fill) != 0) as u64;
            t.free_seen += xsk_prod_nb_free__extern(&mut fill, batch) as u64;
            let mut idx = 0u32;
            let reserved = xsk_ring_prod__reserve__extern(&mut fill, batch, &mut idx);
            for i in 0..reserved {
                *xsk_ring_prod__fill_addr__extern(&mut fill, idx + i) = (round * 8 + i as u64) % FRAMES * FRAME_SIZE;
            }
            xsk_ring_prod__submit__extern(&mut fill, reserved);
            t.filled += reserved as u64;

            t.avail_seen += xsk_cons_nb_avail__extern(&mut comp, 8) as u64;
            let mut cidx = 0u32;
            let completed = xsk_ring_cons__peek__extern(&mut comp, 8, &mut cidx);
            for i in 0..completed {
                let addr = *xsk_ring_cons__comp_addr__extern(&comp, cidx + i);
                let len = 60 + ((round + i as u64) % 64) as u32;
                // every third packet in unaligned-chunk form: its offset in the frame rides in the high bits
                let offset = if i % 3 == 0 { 4u64 } else { 0 };
                let data = xsk_umem__get_data__extern(area, addr + offset) as *mut u8;
                for b in 0..len {
                    *data.add(b as usize) = (round as u32).wrapping_mul(31).wrapping_add(b) as u8;
                }
                let mut tidx = 0u32;
                if xsk_ring_prod__reserve__extern(&mut tx, 1, &mut tidx) == 1 {
                    let desc = xsk_ring_prod__tx_desc__extern(&mut tx, tidx);
                    (*desc).addr = addr | (offset << XSK_UNALIGNED_BUF_OFFSET_SHIFT);
                    (*desc).len = len;
                    (*desc).options = i;
                    xsk_ring_prod__submit__extern(&mut tx, 1);
                    t.sent += 1;
                } else {
                    t.dropped += 1;
                }
            }
            xsk_ring_cons__release__extern(&mut comp, completed);
            t.completed += completed as u64;

            let mut ridx = 0u32;
            let received = xsk_ring_cons__peek__extern(&mut rx, 6, &mut ridx);
            let keep = if round % 5 == 4 && received > 0 { received - 1 } else { received };
            for i in 0..keep {
                let desc = xsk_ring_cons__rx_desc__extern(&rx, ridx + i);
                let raw = (*desc).addr;
                if xsk_umem__extract_offset__extern(raw) != 0 {
                    t.unaligned += 1;
                }
                let addr = xsk_umem__add_offset_to_addr__extern(raw);
                let base = xsk_umem__extract_addr__extern(raw);
                let data = xsk_umem__get_data__extern(area, addr) as *const u8;
                for b in 0..(*desc).len {
                    t.checksum = t.checksum.wrapping_mul(33).wrapping_add(*data.add(b as usize) as u64);
                }
                t.checksum = t.checksum.wrapping_add(base % FRAME_SIZE + (*desc).options as u64);
                t.bytes += (*desc).len as u64;
            }
            xsk_ring_cons__cancel__extern(&mut rx, received - keep);
            xsk_ring_cons__release__extern(&mut rx, keep);
            t.cancelled += (received - keep) as u64;
            t.received += keep as u64;
        }
    }
    println!("rings: filled={} completed={} sent={} dropped={} received={} cancelled={} unaligned={}",
        t.filled, t.completed, t.sent, t.dropped, t.received, t.cancelled, t.unaligned);
    println!("data: bytes={} checksum={} wakeups={} free_seen={} avail_seen={}",
        t.bytes, t.checksum, t.wakeups, t.free_seen, t.avail_seen);
    println!("indices: fill {}/{} tx {}/{}", *fill_mem.producer, *fill_mem.consumer, *tx_mem.producer,
        *tx_mem.consumer);
}

/// The benchmark's hot loop, an l2fwd-like batch cycle: fill 16 frames, complete them, send one
/// descriptor per frame, receive them all. Returns a checksum of what was received.
#[no_mangle]
pub extern "C" fn xdp_corpus_bench(rounds: u64) -> u64 {
    const BATCH: u32 = 16;
    let (mut fill_mem, mut tx_mem) = (RingMemory::<u64>::new(64), RingMemory::<XdpDesc>::new(64));
    let (mut fill, mut comp) = (fill_mem.view(true), fill_mem.view(false));
    let (mut tx, mut rx) = (tx_mem.view(true), tx_mem.view(false));
    let mut sum = 0u64;
    unsafe {
        for round in 0..rounds {
            let mut idx = 0u32;
            let n = xsk_ring_prod__reserve__extern(&mut fill, BATCH, &mut idx);
            for i in 0..n {
                *xsk_ring_prod__fill_addr__extern(&mut fill, idx + i) = (round + i as u64) % FRAMES * FRAME_SIZE;
            }
            xsk_ring_prod__submit__extern(&mut fill, n);
            let mut cidx = 0u32;
            let done = xsk_ring_cons__peek__extern(&mut comp, BATCH, &mut cidx);
            let mut tidx = 0u32;
            let room = xsk_ring_prod__reserve__extern(&mut tx, done, &mut tidx);
            for i in 0..room {
                let desc = xsk_ring_prod__tx_desc__extern(&mut tx, tidx + i);
                (*desc).addr = *xsk_ring_cons__comp_addr__extern(&comp, cidx + i);
                (*desc).len = 64 + i;
                (*desc).options = 0;
            }
            xsk_ring_prod__submit__extern(&mut tx, room);
            xsk_ring_cons__release__extern(&mut comp, done);
            let mut ridx = 0u32;
            let got = xsk_ring_cons__peek__extern(&mut rx, BATCH, &mut ridx);
            for i in 0..got {
                let desc = xsk_ring_cons__rx_desc__extern(&rx, ridx + i);
                sum = sum.wrapping_add(xsk_umem__add_offset_to_addr__extern((*desc).addr) + (*desc).len as u64);
            }
            xsk_ring_cons__release__extern(&mut rx, got);
        }
    }
    sum
}
