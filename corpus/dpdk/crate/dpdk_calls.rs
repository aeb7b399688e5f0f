//! Calls every DPDK wrapper in corpus/dpdk/functions: the same two entry points as
//! ../c/dpdk_calls.c (which calls DPDK's inline functions directly), with the same output.
//! `graft rustc` builds this crate's object; `main.rs` links it into a program. No EAL: rings
//! live in memory allocated here, mbufs are attached to an external buffer.

use std::alloc::{alloc_zeroed, dealloc, Layout};
use std::ffi::{c_char, c_int, c_uint, c_void};
use std::ptr::null_mut;

include!("bindings.rs");

const RING_SIZE: c_uint = 1024;
const BUF_LEN: usize = 2048;
const COPY_LEN: usize = 2048;
const RING_F_SP_ENQ: c_uint = 1;
const RING_F_SC_DEQ: c_uint = 2;

extern "C" fn no_free(_addr: *mut c_void, _opaque: *mut c_void) {}

/// Memory this crate owns for DPDK, freed on drop.
struct Block {
    ptr: *mut u8,
    layout: Layout,
}

impl Block {
    fn new(size: usize, align: usize) -> Block {
        let layout = Layout::from_size_align(size, align).unwrap();
        let ptr = unsafe { alloc_zeroed(layout) };
        assert!(!ptr.is_null());
        Block { ptr, layout }
    }
}

impl Drop for Block {
    fn drop(&mut self) {
        unsafe { dealloc(self.ptr, self.layout) }
    }
}

fn new_ring(name: &std::ffi::CStr, flags: c_uint) -> Block {
    let size = unsafe { rte_ring_get_memsize(RING_SIZE) };
    let block = Block::new(size as usize, 128);
    if unsafe { rte_ring_init(block.ptr.cast(), name.as_ptr(), RING_SIZE, flags) } != 0 {
        println!("ring init failed");
        std::process::exit(1);
    }
    block
}

fn sum(objs: &[*mut c_void]) -> u64 {
    objs.iter().map(|&p| p as u64).sum()
}

unsafe fn exercise_rings() {
    let (rb, sb) = (new_ring(c"mpmc", 0), new_ring(c"spsc", RING_F_SP_ENQ | RING_F_SC_DEQ));
    let (r, s): (*mut RteRing, *mut RteRing) = (rb.ptr.cast(), sb.ptr.cast());
    let objs: Vec<*mut c_void> = (1..=64usize).map(|i| i as *mut c_void).collect();
    let mut out = vec![null_mut::<c_void>(); 64];
    let (mut room, mut avail): (c_uint, c_uint) = (0, 0);
    let n = rte_ring_enqueue_bulk__extern(r, objs.as_ptr(), 32, &mut room);
    println!("enqueue_bulk {n} free {room}");
    let n = rte_ring_enqueue_burst__extern(r, objs[32..].as_ptr(), 16, &mut room);
    println!("enqueue_burst {n} free {room}");
    let n = rte_ring_mp_enqueue_burst__extern(r, objs[48..].as_ptr(), 16, &mut room);
    println!("mp_enqueue_burst {n} free {room}");
    println!("enqueue {}", rte_ring_enqueue__extern(r, objs[5]));
    println!("count {} free_count {} empty {} full {}", rte_ring_count__extern(r), rte_ring_free_count__extern(r),
             rte_ring_empty__extern(r), rte_ring_full__extern(r));
    let n = rte_ring_dequeue_bulk__extern(r, out.as_mut_ptr(), 8, &mut avail);
    println!("dequeue_bulk {n} available {avail} sum {}", sum(&out[..n as usize]));
    let n = rte_ring_dequeue_bulk__extern(r, out.as_mut_ptr(), 100, &mut avail);
    println!("dequeue_bulk(too many) {n} available {avail}");
    let n = rte_ring_dequeue_burst__extern(r, out.as_mut_ptr(), 40, &mut avail);
    println!("dequeue_burst {n} available {avail} sum {}", sum(&out[..n as usize]));
    let n = rte_ring_mc_dequeue_burst__extern(r, out.as_mut_ptr(), 64, &mut avail);
    println!("mc_dequeue_burst {n} available {avail} sum {}", sum(&out[..n as usize]));
    let mut one: *mut c_void = null_mut();
    let got = rte_ring_dequeue__extern(r, &mut one);
    println!("dequeue {got} {}", one as u64);
    let got = rte_ring_dequeue__extern(r, &mut one);
    println!("dequeue(empty) {got} empty {}", rte_ring_empty__extern(r));
    let mut total = 0;
    while rte_ring_sp_enqueue_bulk__extern(s, objs.as_ptr(), 64, &mut room) == 64 {
        total += 64;
    }
    println!("sp_enqueue_bulk until full {total} free {room} full {}", rte_ring_full__extern(s));
    let mut drained = 0;
    loop {
        let n = rte_ring_sc_dequeue_bulk__extern(s, out.as_mut_ptr(), 64, &mut avail);
        if n != 64 {
            break;
        }
        drained += sum(&out);
    }
    println!("sc_dequeue_bulk drained {drained} available {avail}");
}

/// An mbuf (128 bytes, DPDK's struct rte_mbuf) attached to a buffer of its own.
struct Packet {
    mbuf: Block,
    buffer: Block,
    shinfo: *mut RteMbufExtSharedInfo,
    len: u16,
}

unsafe fn attached_packet() -> Packet {
    let (mbuf, buffer) = (Block::new(128, 64), Block::new(BUF_LEN, 64));
    let mut len = BUF_LEN as u16;
    let shinfo = rte_pktmbuf_ext_shinfo_init_helper__extern(buffer.ptr.cast(), &mut len, no_free, null_mut());
    rte_pktmbuf_attach_extbuf__extern(mbuf.ptr.cast(), buffer.ptr.cast(), 0, len, shinfo);
    Packet { mbuf, buffer, shinfo, len }
}

unsafe fn exercise_mbuf() {
    let p = attached_packet();
    let (m, buf): (*mut RteMbuf, *mut c_char) = (p.mbuf.ptr.cast(), p.buffer.ptr.cast());
    println!("shinfo at {} buf_len {} ext_refcnt {}", p.shinfo as isize - buf as isize, p.len,
             rte_mbuf_ext_refcnt_read__extern(p.shinfo));
    rte_pktmbuf_reset__extern(m);
    rte_mbuf_refcnt_set__extern(m, 1);
    println!("headroom {} tailroom {} contiguous {}", rte_pktmbuf_headroom__extern(m), rte_pktmbuf_tailroom__extern(m),
             rte_pktmbuf_is_contiguous__extern(m));
    let tail = rte_pktmbuf_append__extern(m, 100);
    println!("append at {} tailroom {}", tail.offset_from(buf), rte_pktmbuf_tailroom__extern(m));
    let head = rte_pktmbuf_prepend__extern(m, 14);
    println!("prepend at {} headroom {}", head.offset_from(buf), rte_pktmbuf_headroom__extern(m));
    let adj = rte_pktmbuf_adj__extern(m, 20);
    println!("adj at {} headroom {}", adj.offset_from(buf), rte_pktmbuf_headroom__extern(m));
    let trimmed = rte_pktmbuf_trim__extern(m, 30);
    println!("trim {trimmed} tailroom {}", rte_pktmbuf_tailroom__extern(m));
    let too_much = rte_pktmbuf_append__extern(m, 4000).is_null() as c_int;
    println!("append(too much) {too_much} prepend(too much) {}", rte_pktmbuf_prepend__extern(m, 4000).is_null() as c_int);
    println!("lastseg self {}", (rte_pktmbuf_lastseg__extern(m) == m) as c_int);
    let before = rte_mbuf_refcnt_read__extern(m);
    let updated = rte_mbuf_refcnt_update__extern(m, 2);
    println!("refcnt {before} update {updated} read {}", rte_mbuf_refcnt_read__extern(m));
}

unsafe fn exercise_locks_and_atomics() {
    let mut lock = RteSpinlock { locked: 1 };
    rte_spinlock_init__extern(&mut lock);
    let first = rte_spinlock_trylock__extern(&mut lock);
    let locked = rte_spinlock_is_locked__extern(&mut lock);
    let second = rte_spinlock_trylock__extern(&mut lock);
    rte_spinlock_unlock__extern(&mut lock);
    println!("trylock {first} is_locked {locked} trylock again {second} after unlock {}",
             rte_spinlock_is_locked__extern(&mut lock));
    rte_spinlock_lock__extern(&mut lock);
    rte_spinlock_unlock__extern(&mut lock);
    let (mut a16, mut a32, mut a64) = (RteAtomic16 { cnt: 0 }, RteAtomic32 { cnt: 3 }, RteAtomic64 { cnt: 3 });
    rte_atomic32_init__extern(&mut a32);
    rte_atomic64_init__extern(&mut a64);
    rte_atomic16_add__extern(&mut a16, 7);
    rte_atomic32_add__extern(&mut a32, 41);
    rte_atomic32_inc__extern(&mut a32);
    let zero = rte_atomic32_dec_and_test__extern(&mut a32);
    let r64 = rte_atomic64_add_return__extern(&mut a64, 1000);
    rte_smp_mb__extern();
    let (mut u32v, mut u64v) = (5u32, 9u64);
    let c1 = rte_atomic32_cmpset__extern(&mut u32v, 5, 6);
    let c2 = rte_atomic32_cmpset__extern(&mut u32v, 5, 7);
    let c3 = rte_atomic64_cmpset__extern(&mut u64v, 9, 10);
    println!("a16 {} a32 {} dec_and_test {zero} a64 {} add_return {r64} cmpset {c1} {c2} {c3} -> {u32v} {u64v}",
             a16.cnt, rte_atomic32_read__extern(&a32), rte_atomic64_read__extern(&mut a64));
}

unsafe fn exercise_memcpy_and_time() {
    let src: Vec<u8> = (0..COPY_LEN + 64).map(|i| (i * 7 + 3) as u8).collect();
    let mut dst = vec![0u8; COPY_LEN + 64];
    let sizes = [0usize, 1, 7, 16, 17, 33, 64, 100, 129, 255, 256, 300, 512, 1000, 1500, 2048];
    let mut check: u64 = 0;
    for &size in &sizes {
        for off in 0..3 {
            dst.fill(0);
            let to = dst.as_mut_ptr().add(off);
            let ret = rte_memcpy__extern(to.cast(), src.as_ptr().add(2 * off).cast(), size);
            check = check.wrapping_add((ret == to.cast()) as u64);
            for &b in &dst {
                check = check.wrapping_mul(31).wrapping_add(b as u64);
            }
        }
    }
    println!("memcpy checksum {check}");
    let t1 = rte_rdtsc__extern();
    for _ in 0..10 {
        rte_pause__extern();
    }
    let t2 = rte_rdtsc_precise__extern();
    println!("tsc advances {}", (t2 > t1) as c_int);
}

#[no_mangle]
pub extern "C" fn dpdk_exercise() -> c_int {
    unsafe {
        exercise_rings();
        exercise_mbuf();
        exercise_locks_and_atomics();
        exercise_memcpy_and_time();
    }
    0
}

/// The benchmark's hot loop, as in ../c/dpdk_calls.c.
#[no_mangle]
pub extern "C" fn dpdk_hot_loop(iterations: u64) -> u64 {
    unsafe {
        let ring = new_ring(c"hot", RING_F_SP_ENQ | RING_F_SC_DEQ);
        let r: *mut RteRing = ring.ptr.cast();
        let p = attached_packet();
        let m: *mut RteMbuf = p.mbuf.ptr.cast();
        rte_mbuf_refcnt_set__extern(m, 1);
        let mut lock = RteSpinlock { locked: 0 };
        rte_spinlock_init__extern(&mut lock);
        let (mut a32, mut a64) = (RteAtomic32 { cnt: 0 }, RteAtomic64 { cnt: 0 });
        rte_atomic32_init__extern(&mut a32);
        rte_atomic64_init__extern(&mut a64);
        let objs: [*mut c_void; 8] = std::array::from_fn(|i| (i + 1) as *mut c_void);
        let mut out = [null_mut::<c_void>(); 8];
        let mut src: [u8; 64] = std::array::from_fn(|i| i as u8);
        let mut dst = [0u8; 64];
        let mut acc: u64 = 0;
        for i in 0..iterations {
            rte_ring_enqueue_burst__extern(r, objs.as_ptr(), 8, null_mut());
            acc = acc.wrapping_add(rte_ring_dequeue_burst__extern(r, out.as_mut_ptr(), 8, null_mut()) as u64
                + out[(i & 7) as usize] as u64);
            rte_spinlock_lock__extern(&mut lock);
            rte_atomic32_inc__extern(&mut a32);
            rte_spinlock_unlock__extern(&mut lock);
            acc = acc.wrapping_add(rte_atomic64_add_return__extern(&mut a64, 1) as u64);
            rte_pktmbuf_reset__extern(m);
            rte_pktmbuf_append__extern(m, 64);
            rte_pktmbuf_prepend__extern(m, 14);
            rte_pktmbuf_adj__extern(m, 14);
            acc = acc.wrapping_add(rte_pktmbuf_headroom__extern(m) as u64 + rte_pktmbuf_tailroom__extern(m) as u64);
            rte_mbuf_refcnt_update__extern(m, 1);
            acc = acc.wrapping_add(rte_mbuf_refcnt_update__extern(m, -1) as u64);
            src[(i & 63) as usize] = i as u8;
            rte_memcpy__extern(dst.as_mut_ptr().cast(), src.as_ptr().cast(), 64);
            acc = acc.wrapping_add(std::ptr::read_volatile(&dst[((i * 7) & 63) as usize]) as u64);
        }
        acc.wrapping_add(rte_atomic32_read__extern(&a32) as u64)
    }
}
