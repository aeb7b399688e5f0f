// The DPDK wrappers' declarations (corpus/dpdk/functions, generated as NAME__extern by
// corpus/dpdk/generate-wrappers), written by hand for the types this crate uses. Ring and mbuf
// are opaque; the lock and the counters are the one-field structs DPDK defines.

#[repr(C)]
pub struct RteRing {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct RteMbuf {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct RteMbufExtSharedInfo {
    _opaque: [u8; 0],
}
#[repr(C)]
pub struct RteSpinlock {
    pub locked: c_int,
}
#[repr(C)]
pub struct RteAtomic16 {
    pub cnt: i16,
}
#[repr(C)]
pub struct RteAtomic32 {
    pub cnt: i32,
}
#[repr(C)]
pub struct RteAtomic64 {
    pub cnt: i64,
}

pub type FreeCallback = extern "C" fn(addr: *mut c_void, opaque: *mut c_void);

extern "C" {
    // librte_ring (a library function, not a helper): initialises a ring in memory the caller owns.
    pub fn rte_ring_get_memsize(count: c_uint) -> isize;
    pub fn rte_ring_init(r: *mut RteRing, name: *const c_char, count: c_uint, flags: c_uint) -> c_int;

    pub fn rte_ring_enqueue_bulk__extern(r: *mut RteRing, objs: *const *mut c_void, n: c_uint, free: *mut c_uint) -> c_uint;
    pub fn rte_ring_dequeue_bulk__extern(r: *mut RteRing, objs: *mut *mut c_void, n: c_uint, avail: *mut c_uint) -> c_uint;
    pub fn rte_ring_enqueue_burst__extern(r: *mut RteRing, objs: *const *mut c_void, n: c_uint, free: *mut c_uint) -> c_uint;
    pub fn rte_ring_dequeue_burst__extern(r: *mut RteRing, objs: *mut *mut c_void, n: c_uint, avail: *mut c_uint) -> c_uint;
    pub fn rte_ring_sp_enqueue_bulk__extern(r: *mut RteRing, objs: *const *mut c_void, n: c_uint, free: *mut c_uint) -> c_uint;
    pub fn rte_ring_sc_dequeue_bulk__extern(r: *mut RteRing, objs: *mut *mut c_void, n: c_uint, avail: *mut c_uint) -> c_uint;
    pub fn rte_ring_mp_enqueue_burst__extern(r: *mut RteRing, objs: *const *mut c_void, n: c_uint, free: *mut c_uint) -> c_uint;
    pub fn rte_ring_mc_dequeue_burst__extern(r: *mut RteRing, objs: *mut *mut c_void, n: c_uint, avail: *mut c_uint) -> c_uint;
    pub fn rte_ring_enqueue__extern(r: *mut RteRing, obj: *mut c_void) -> c_int;
    pub fn rte_ring_dequeue__extern(r: *mut RteRing, obj: *mut *mut c_void) -> c_int;
    pub fn rte_ring_count__extern(r: *const RteRing) -> c_uint;
    pub fn rte_ring_free_count__extern(r: *const RteRing) -> c_uint;
    pub fn rte_ring_empty__extern(r: *const RteRing) -> c_int;
    pub fn rte_ring_full__extern(r: *const RteRing) -> c_int;

    pub fn rte_pktmbuf_ext_shinfo_init_helper__extern(buf: *mut c_void, len: *mut u16, free_cb: FreeCallback,
                                                      opaque: *mut c_void) -> *mut RteMbufExtSharedInfo;
    pub fn rte_pktmbuf_attach_extbuf__extern(m: *mut RteMbuf, buf: *mut c_void, iova: u64, len: u16,
                                             shinfo: *mut RteMbufExtSharedInfo);
    pub fn rte_pktmbuf_reset__extern(m: *mut RteMbuf);
    pub fn rte_pktmbuf_headroom__extern(m: *const RteMbuf) -> u16;
    pub fn rte_pktmbuf_tailroom__extern(m: *const RteMbuf) -> u16;
    pub fn rte_pktmbuf_append__extern(m: *mut RteMbuf, len: u16) -> *mut c_char;
    pub fn rte_pktmbuf_prepend__extern(m: *mut RteMbuf, len: u16) -> *mut c_char;
    pub fn rte_pktmbuf_adj__extern(m: *mut RteMbuf, len: u16) -> *mut c_char;
    pub fn rte_pktmbuf_trim__extern(m: *mut RteMbuf, len: u16) -> c_int;
    pub fn rte_pktmbuf_is_contiguous__extern(m: *const RteMbuf) -> c_int;
    pub fn rte_pktmbuf_lastseg__extern(m: *mut RteMbuf) -> *mut RteMbuf;
    pub fn rte_mbuf_refcnt_read__extern(m: *const RteMbuf) -> u16;
    pub fn rte_mbuf_refcnt_set__extern(m: *mut RteMbuf, value: u16);
    pub fn rte_mbuf_refcnt_update__extern(m: *mut RteMbuf, value: i16) -> u16;
    pub fn rte_mbuf_ext_refcnt_read__extern(shinfo: *const RteMbufExtSharedInfo) -> u16;

    pub fn rte_spinlock_init__extern(sl: *mut RteSpinlock);
    pub fn rte_spinlock_lock__extern(sl: *mut RteSpinlock);
    pub fn rte_spinlock_unlock__extern(sl: *mut RteSpinlock);
    pub fn rte_spinlock_trylock__extern(sl: *mut RteSpinlock) -> c_int;
    pub fn rte_spinlock_is_locked__extern(sl: *mut RteSpinlock) -> c_int;

    pub fn rte_atomic16_add__extern(v: *mut RteAtomic16, inc: i16);
    pub fn rte_atomic32_init__extern(v: *mut RteAtomic32);
    pub fn rte_atomic32_read__extern(v: *const RteAtomic32) -> i32;
    pub fn rte_atomic32_add__extern(v: *mut RteAtomic32, inc: i32);
    pub fn rte_atomic32_inc__extern(v: *mut RteAtomic32);
    pub fn rte_atomic32_dec_and_test__extern(v: *mut RteAtomic32) -> c_int;
    pub fn rte_atomic32_cmpset__extern(dst: *mut u32, exp: u32, src: u32) -> c_int;
    pub fn rte_atomic64_init__extern(v: *mut RteAtomic64);
    pub fn rte_atomic64_add_return__extern(v: *mut RteAtomic64, inc: i64) -> i64;
    pub fn rte_atomic64_cmpset__extern(dst: *mut u64, exp: u64, src: u64) -> c_int;
    pub fn rte_atomic64_read__extern(v: *mut RteAtomic64) -> i64;
    pub fn rte_smp_mb__extern();

    pub fn rte_memcpy__extern(dst: *mut c_void, src: *const c_void, n: usize) -> *mut c_void;
    pub fn rte_pause__extern();
    pub fn rte_rdtsc__extern() -> u64;
    pub fn rte_rdtsc_precise__extern() -> u64;
}
