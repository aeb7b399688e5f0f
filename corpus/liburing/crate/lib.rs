//! Rust callers of liburing's inline API (`<liburing.h>`, 2.3), through the wrappers generated from
//! `../helpers.list`: every wrapper is called. No io_uring syscall: each prep helper fills an SQE this
//! crate owns, and the ring helpers work on a `struct io_uring` whose rings are memory this crate
//! allocated, with the kernel's side (consume the queued SQEs, post a CQE each) played here.
//! `uring_corpus_run` prints what `../main.c` prints when it calls the inline functions directly;
//! `uring_corpus_bench` is the benchmark's hot loop. The crate's object is linked into `main.rs`'s
//! binary (plain: with the wrappers' object; through graft: without, every wrapper inlined).
use std::ffi::{c_int, c_void};
use std::ptr::{addr_of_mut, null_mut};

/// `struct io_uring_sqe`: 64 bytes, printed and hashed as eight words.
#[repr(C)]
pub struct Sqe {
    words: [u64; 8],
}

/// `struct io_uring_cqe` (without the 32-byte CQE's tail: the ring is not set up with CQE32).
#[repr(C)]
pub struct Cqe {
    user_data: u64,
    res: i32,
    flags: u32,
}

/// `struct io_uring_sq`.
#[repr(C)]
struct Sq {
    khead: *mut u32,
    ktail: *mut u32,
    kring_mask: *mut u32,
    kring_entries: *mut u32,
    kflags: *mut u32,
    kdropped: *mut u32,
    array: *mut u32,
    sqes: *mut Sqe,
    sqe_head: u32,
    sqe_tail: u32,
    ring_sz: usize,
    ring_ptr: *mut c_void,
    ring_mask: u32,
    ring_entries: u32,
    pad: [u32; 2],
}

/// `struct io_uring_cq`.
#[repr(C)]
struct Cq {
    khead: *mut u32,
    ktail: *mut u32,
    kring_mask: *mut u32,
    kring_entries: *mut u32,
    kflags: *mut u32,
    koverflow: *mut u32,
    cqes: *mut Cqe,
    ring_sz: usize,
    ring_ptr: *mut c_void,
    ring_mask: u32,
    ring_entries: u32,
    pad: [u32; 2],
}

/// `struct io_uring`.
#[repr(C)]
pub struct IoUring {
    sq: Sq,
    cq: Cq,
    flags: u32,
    ring_fd: c_int,
    features: u32,
    enter_ring_fd: c_int,
    int_flags: u8,
    pad: [u8; 3],
    pad2: u32,
}

/// `struct io_uring_buf_ring` with its `ENTRIES` buffers, as words; its `tail` is the top 16 bits of word 1.
#[repr(C)]
pub struct BufRing {
    words: [u64; 2 * ENTRIES],
}

extern "C" {
    fn io_uring_get_sqe__extern(ring: *mut IoUring) -> *mut Sqe;
    fn io_uring_sq_ready__extern(ring: *const IoUring) -> u32;
    fn io_uring_sq_space_left__extern(ring: *const IoUring) -> u32;
    fn io_uring_sqring_wait__extern(ring: *mut IoUring) -> c_int;
    fn io_uring_sqe_set_data__extern(sqe: *mut Sqe, data: *mut c_void);
    fn io_uring_sqe_set_data64__extern(sqe: *mut Sqe, data: u64);
    fn io_uring_sqe_set_flags__extern(sqe: *mut Sqe, flags: u32);
    fn io_uring_prep_rw__extern(op: c_int, sqe: *mut Sqe, fd: c_int, addr: *const c_void, len: u32, offset: u64);
    fn io_uring_prep_splice__extern(sqe: *mut Sqe, fd_in: c_int, off_in: i64, fd_out: c_int, off_out: i64,
        nbytes: u32, splice_flags: u32);
    fn io_uring_prep_tee__extern(sqe: *mut Sqe, fd_in: c_int, fd_out: c_int, nbytes: u32, splice_flags: u32);
    fn io_uring_prep_readv__extern(sqe: *mut Sqe, fd: c_int, iovecs: *const c_void, nr_vecs: u32, offset: u64);
    fn io_uring_prep_readv2__extern(sqe: *mut Sqe, fd: c_int, iovecs: *const c_void, nr_vecs: u32, offset: u64,
        flags: c_int);
    fn io_uring_prep_read_fixed__extern(sqe: *mut Sqe, fd: c_int, buf: *mut c_void, nbytes: u32, offset: u64,
        buf_index: c_int);
    fn io_uring_prep_writev__extern(sqe: *mut Sqe, fd: c_int, iovecs: *const c_void, nr_vecs: u32, offset: u64);
    fn io_uring_prep_writev2__extern(sqe: *mut Sqe, fd: c_int, iovecs: *const c_void, nr_vecs: u32, offset: u64,
        flags: c_int);
    fn io_uring_prep_write_fixed__extern(sqe: *mut Sqe, fd: c_int, buf: *const c_void, nbytes: u32, offset: u64,
        buf_index: c_int);
    fn io_uring_prep_recvmsg__extern(sqe: *mut Sqe, fd: c_int, msg: *mut c_void, flags: u32);
    fn io_uring_prep_recvmsg_multishot__extern(sqe: *mut Sqe, fd: c_int, msg: *mut c_void, flags: u32);
    fn io_uring_prep_sendmsg__extern(sqe: *mut Sqe, fd: c_int, msg: *const c_void, flags: u32);
    fn io_uring_prep_poll_add__extern(sqe: *mut Sqe, fd: c_int, poll_mask: u32);
    fn io_uring_prep_poll_multishot__extern(sqe: *mut Sqe, fd: c_int, poll_mask: u32);
    fn io_uring_prep_poll_remove__extern(sqe: *mut Sqe, user_data: u64);
    fn io_uring_prep_poll_update__extern(sqe: *mut Sqe, old_user_data: u64, new_user_data: u64, poll_mask: u32,
        flags: u32);
    fn io_uring_prep_fsync__extern(sqe: *mut Sqe, fd: c_int, fsync_flags: u32);
    fn io_uring_prep_nop__extern(sqe: *mut Sqe);
    fn io_uring_prep_timeout__extern(sqe: *mut Sqe, ts: *mut c_void, count: u32, flags: u32);
    fn io_uring_prep_timeout_remove__extern(sqe: *mut Sqe, user_data: u64, flags: u32);
    fn io_uring_prep_timeout_update__extern(sqe: *mut Sqe, ts: *mut c_void, user_data: u64, flags: u32);
    fn io_uring_prep_accept__extern(sqe: *mut Sqe, fd: c_int, addr: *mut c_void, addrlen: *mut c_void, flags: c_int);
    fn io_uring_prep_accept_direct__extern(sqe: *mut Sqe, fd: c_int, addr: *mut c_void, addrlen: *mut c_void,
        flags: c_int, file_index: u32);
    fn io_uring_prep_multishot_accept__extern(sqe: *mut Sqe, fd: c_int, addr: *mut c_void, addrlen: *mut c_void,
        flags: c_int);
    fn io_uring_prep_multishot_accept_direct__extern(sqe: *mut Sqe, fd: c_int, addr: *mut c_void,
        addrlen: *mut c_void, flags: c_int);
    fn io_uring_prep_cancel64__extern(sqe: *mut Sqe, user_data: u64, flags: c_int);
    fn io_uring_prep_cancel__extern(sqe: *mut Sqe, user_data: *mut c_void, flags: c_int);
    fn io_uring_prep_cancel_fd__extern(sqe: *mut Sqe, fd: c_int, flags: u32);
    fn io_uring_prep_link_timeout__extern(sqe: *mut Sqe, ts: *mut c_void, flags: u32);
    fn io_uring_prep_connect__extern(sqe: *mut Sqe, fd: c_int, addr: *const c_void, addrlen: u32);
    fn io_uring_prep_files_update__extern(sqe: *mut Sqe, fds: *mut c_void, nr_fds: u32, offset: c_int);
    fn io_uring_prep_fallocate__extern(sqe: *mut Sqe, fd: c_int, mode: c_int, offset: i64, len: i64);
    fn io_uring_prep_openat__extern(sqe: *mut Sqe, dfd: c_int, path: *const c_void, flags: c_int, mode: u32);
    fn io_uring_prep_openat_direct__extern(sqe: *mut Sqe, dfd: c_int, path: *const c_void, flags: c_int, mode: u32,
        file_index: u32);
    fn io_uring_prep_close__extern(sqe: *mut Sqe, fd: c_int);
    fn io_uring_prep_close_direct__extern(sqe: *mut Sqe, file_index: u32);
    fn io_uring_prep_read__extern(sqe: *mut Sqe, fd: c_int, buf: *mut c_void, nbytes: u32, offset: u64);
    fn io_uring_prep_write__extern(sqe: *mut Sqe, fd: c_int, buf: *const c_void, nbytes: u32, offset: u64);
    fn io_uring_prep_statx__extern(sqe: *mut Sqe, dfd: c_int, path: *const c_void, flags: c_int, mask: u32,
        statxbuf: *mut c_void);
    fn io_uring_prep_fadvise__extern(sqe: *mut Sqe, fd: c_int, offset: u64, len: i64, advice: c_int);
    fn io_uring_prep_madvise__extern(sqe: *mut Sqe, addr: *mut c_void, length: i64, advice: c_int);
    fn io_uring_prep_send__extern(sqe: *mut Sqe, sockfd: c_int, buf: *const c_void, len: usize, flags: c_int);
    fn io_uring_prep_send_zc__extern(sqe: *mut Sqe, sockfd: c_int, buf: *const c_void, len: usize, flags: c_int,
        zc_flags: u32);
    fn io_uring_prep_send_zc_fixed__extern(sqe: *mut Sqe, sockfd: c_int, buf: *const c_void, len: usize, flags: c_int,
        zc_flags: u32, buf_index: u32);
    fn io_uring_prep_sendmsg_zc__extern(sqe: *mut Sqe, fd: c_int, msg: *const c_void, flags: u32);
    fn io_uring_prep_send_set_addr__extern(sqe: *mut Sqe, dest_addr: *const c_void, addr_len: u16);
    fn io_uring_prep_recv__extern(sqe: *mut Sqe, sockfd: c_int, buf: *mut c_void, len: usize, flags: c_int);
    fn io_uring_prep_recv_multishot__extern(sqe: *mut Sqe, sockfd: c_int, buf: *mut c_void, len: usize, flags: c_int);
    fn io_uring_prep_openat2__extern(sqe: *mut Sqe, dfd: c_int, path: *const c_void, how: *mut c_void);
    fn io_uring_prep_openat2_direct__extern(sqe: *mut Sqe, dfd: c_int, path: *const c_void, how: *mut c_void,
        file_index: u32);
    fn io_uring_prep_epoll_ctl__extern(sqe: *mut Sqe, epfd: c_int, fd: c_int, op: c_int, ev: *mut c_void);
    fn io_uring_prep_provide_buffers__extern(sqe: *mut Sqe, addr: *mut c_void, len: c_int, nr: c_int, bgid: c_int,
        bid: c_int);
    fn io_uring_prep_remove_buffers__extern(sqe: *mut Sqe, nr: c_int, bgid: c_int);
    fn io_uring_prep_shutdown__extern(sqe: *mut Sqe, fd: c_int, how: c_int);
    fn io_uring_prep_unlinkat__extern(sqe: *mut Sqe, dfd: c_int, path: *const c_void, flags: c_int);
    fn io_uring_prep_unlink__extern(sqe: *mut Sqe, path: *const c_void, flags: c_int);
    fn io_uring_prep_renameat__extern(sqe: *mut Sqe, olddfd: c_int, oldpath: *const c_void, newdfd: c_int,
        newpath: *const c_void, flags: u32);
    fn io_uring_prep_rename__extern(sqe: *mut Sqe, oldpath: *const c_void, newpath: *const c_void);
    fn io_uring_prep_sync_file_range__extern(sqe: *mut Sqe, fd: c_int, len: u32, offset: u64, flags: c_int);
    fn io_uring_prep_mkdirat__extern(sqe: *mut Sqe, dfd: c_int, path: *const c_void, mode: u32);
    fn io_uring_prep_mkdir__extern(sqe: *mut Sqe, path: *const c_void, mode: u32);
    fn io_uring_prep_symlinkat__extern(sqe: *mut Sqe, target: *const c_void, newdirfd: c_int, linkpath: *const c_void);
    fn io_uring_prep_symlink__extern(sqe: *mut Sqe, target: *const c_void, linkpath: *const c_void);
    fn io_uring_prep_linkat__extern(sqe: *mut Sqe, olddfd: c_int, oldpath: *const c_void, newdfd: c_int,
        newpath: *const c_void, flags: c_int);
    fn io_uring_prep_link__extern(sqe: *mut Sqe, oldpath: *const c_void, newpath: *const c_void, flags: c_int);
    fn io_uring_prep_msg_ring__extern(sqe: *mut Sqe, fd: c_int, len: u32, data: u64, flags: u32);
    fn io_uring_prep_getxattr__extern(sqe: *mut Sqe, name: *const c_void, value: *mut c_void, path: *const c_void,
        len: u32);
    fn io_uring_prep_setxattr__extern(sqe: *mut Sqe, name: *const c_void, value: *const c_void, path: *const c_void,
        flags: c_int, len: u32);
    fn io_uring_prep_fgetxattr__extern(sqe: *mut Sqe, fd: c_int, name: *const c_void, value: *mut c_void, len: u32);
    fn io_uring_prep_fsetxattr__extern(sqe: *mut Sqe, fd: c_int, name: *const c_void, value: *const c_void,
        flags: c_int, len: u32);
    fn io_uring_prep_socket__extern(sqe: *mut Sqe, domain: c_int, type_: c_int, protocol: c_int, flags: u32);
    fn io_uring_prep_socket_direct__extern(sqe: *mut Sqe, domain: c_int, type_: c_int, protocol: c_int,
        file_index: u32, flags: u32);
    fn io_uring_prep_socket_direct_alloc__extern(sqe: *mut Sqe, domain: c_int, type_: c_int, protocol: c_int,
        flags: u32);
    fn io_uring_cq_ready__extern(ring: *const IoUring) -> u32;
    fn io_uring_peek_cqe__extern(ring: *mut IoUring, cqe_ptr: *mut *mut Cqe) -> c_int;
    fn io_uring_wait_cqe__extern(ring: *mut IoUring, cqe_ptr: *mut *mut Cqe) -> c_int;
    fn io_uring_cqe_get_data__extern(cqe: *const Cqe) -> *mut c_void;
    fn io_uring_cqe_get_data64__extern(cqe: *const Cqe) -> u64;
    fn io_uring_cqe_seen__extern(ring: *mut IoUring, cqe: *mut Cqe);
    fn io_uring_cq_advance__extern(ring: *mut IoUring, nr: u32);
    fn io_uring_cq_has_overflow__extern(ring: *const IoUring) -> bool;
    fn io_uring_cq_eventfd_enabled__extern(ring: *const IoUring) -> bool;
    fn io_uring_cq_eventfd_toggle__extern(ring: *mut IoUring, enabled: bool) -> c_int;
    fn io_uring_buf_ring_mask__extern(ring_entries: u32) -> c_int;
    fn io_uring_buf_ring_init__extern(br: *mut BufRing);
    fn io_uring_buf_ring_add__extern(br: *mut BufRing, addr: *mut c_void, len: u32, bid: u16, mask: c_int,
        buf_offset: c_int);
    fn io_uring_buf_ring_advance__extern(br: *mut BufRing, count: c_int);
    fn io_uring_buf_ring_cq_advance__extern(ring: *mut IoUring, br: *mut BufRing, count: c_int);
}

const ENTRIES: usize = 8;
const CQ_ENTRIES: usize = 2 * ENTRIES;
const PREPS: u32 = 73;
const ARENA: usize = 4096;
const IOSQE_IO_LINK: u32 = 1 << 2;
const IORING_SQ_CQ_OVERFLOW: u32 = 1 << 1;
const LIBURING_UDATA_TIMEOUT: u64 = u64::MAX;
const EAGAIN: c_int = 11;

/// What the prepared SQEs point at: their pointers are printed as offsets in here, as the C program's.
#[repr(C, align(64))]
struct Arena([u8; ARENA]);

static mut ARENA_BYTES: Arena = Arena([0; ARENA]);

fn base() -> u64 {
    addr_of_mut!(ARENA_BYTES) as u64
}

fn p(offset: usize) -> *mut c_void {
    unsafe { (addr_of_mut!(ARENA_BYTES) as *mut u8).add(offset) as *mut c_void }
}

/// A word of an SQE or CQE as both programs see it: a pointer into the arena becomes its offset.
fn normal(w: u64) -> u64 {
    if w >= base() && w < base() + ARENA as u64 { w - base() } else { w }
}

fn mix(h: u64, w: u64) -> u64 {
    (h ^ normal(w)).wrapping_mul(0x100000001b3)
}

/// Prep helper number `which` (header order) on `s`, its arguments varied by `k`.
unsafe fn prep_one(s: *mut Sqe, which: u32, k: u32) {
    let fd = 3 + (k % 61) as c_int;
    let n = 64 + k % 512;
    let off = k as u64 * 4096;
    let (k2, k3, k4, k6, k8) = ((k % 2) as c_int, (k % 3) as c_int, (k % 4) as c_int, (k % 6) as c_int,
        (k % 8) as c_int);
    let (path, path2, name, value) = (p(640), p(896), p(960), p(1024));
    match which {
        0 => io_uring_prep_rw__extern((k % 48) as c_int, s, fd, p(0), n, off),
        1 => io_uring_prep_splice__extern(s, fd, off as i64, fd + 1, -1, n, k % 4),
        2 => io_uring_prep_tee__extern(s, fd, fd + 1, n, k % 4),
        3 => io_uring_prep_readv__extern(s, fd, p(64), 1 + k % 4, off),
        4 => io_uring_prep_readv2__extern(s, fd, p(64), 1 + k % 4, off, k8),
        5 => io_uring_prep_read_fixed__extern(s, fd, p(128), n, off, (k % 16) as c_int),
        6 => io_uring_prep_writev__extern(s, fd, p(64), 1 + k % 4, off),
        7 => io_uring_prep_writev2__extern(s, fd, p(64), 1 + k % 4, off, k8),
        8 => io_uring_prep_write_fixed__extern(s, fd, p(128), n, off, (k % 16) as c_int),
        9 => io_uring_prep_recvmsg__extern(s, fd, p(256), k % 8),
        10 => io_uring_prep_recvmsg_multishot__extern(s, fd, p(256), k % 8),
        11 => io_uring_prep_sendmsg__extern(s, fd, p(256), k % 8),
        12 => io_uring_prep_poll_add__extern(s, fd, 1 + k % 64),
        13 => io_uring_prep_poll_multishot__extern(s, fd, 1 + k % 64),
        14 => io_uring_prep_poll_remove__extern(s, 1000 + k as u64),
        15 => io_uring_prep_poll_update__extern(s, 1000 + k as u64, 2000 + k as u64, 1 + k % 64, k % 4),
        16 => io_uring_prep_fsync__extern(s, fd, k % 2),
        17 => io_uring_prep_nop__extern(s),
        18 => io_uring_prep_timeout__extern(s, p(320), k % 4, k % 8),
        19 => io_uring_prep_timeout_remove__extern(s, 1000 + k as u64, k % 8),
        20 => io_uring_prep_timeout_update__extern(s, p(320), 1000 + k as u64, k % 8),
        21 => io_uring_prep_accept__extern(s, fd, p(384), p(448), k8),
        22 => io_uring_prep_accept_direct__extern(s, fd, p(384), p(448), k8, k % 32),
        23 => io_uring_prep_multishot_accept__extern(s, fd, p(384), p(448), k8),
        24 => io_uring_prep_multishot_accept_direct__extern(s, fd, p(384), p(448), k8),
        25 => io_uring_prep_cancel64__extern(s, 1000 + k as u64, k8),
        26 => io_uring_prep_cancel__extern(s, p(512), k8),
        27 => io_uring_prep_cancel_fd__extern(s, fd, k % 8),
        28 => io_uring_prep_link_timeout__extern(s, p(320), k % 8),
        29 => io_uring_prep_connect__extern(s, fd, p(384), 16 + k % 16),
        30 => io_uring_prep_files_update__extern(s, p(576), 1 + k % 8, (k % 32) as c_int),
        31 => io_uring_prep_fallocate__extern(s, fd, k4, off as i64, 4096 + k as i64),
        32 => io_uring_prep_openat__extern(s, fd, path, k8, 0o644),
        33 => io_uring_prep_openat_direct__extern(s, fd, path, k8, 0o644, k % 32),
        34 => io_uring_prep_close__extern(s, fd),
        35 => io_uring_prep_close_direct__extern(s, k % 32),
        36 => io_uring_prep_read__extern(s, fd, p(128), n, off),
        37 => io_uring_prep_write__extern(s, fd, p(128), n, off),
        38 => io_uring_prep_statx__extern(s, fd, path, k8, 0x7ff, p(704)),
        39 => io_uring_prep_fadvise__extern(s, fd, off, 4096 + k as i64, k6),
        40 => io_uring_prep_madvise__extern(s, p(1024), 4096 + k as i64, k6),
        41 => io_uring_prep_send__extern(s, fd, p(128), n as usize, k8),
        42 => io_uring_prep_send_zc__extern(s, fd, p(128), n as usize, k8, k % 4),
        43 => io_uring_prep_send_zc_fixed__extern(s, fd, p(128), n as usize, k8, k % 4, k % 16),
        44 => io_uring_prep_sendmsg_zc__extern(s, fd, p(256), k % 8),
        45 => io_uring_prep_send_set_addr__extern(s, p(384), (16 + k % 16) as u16),
        46 => io_uring_prep_recv__extern(s, fd, p(128), n as usize, k8),
        47 => io_uring_prep_recv_multishot__extern(s, fd, p(128), n as usize, k8),
        48 => io_uring_prep_openat2__extern(s, fd, path, p(768)),
        49 => io_uring_prep_openat2_direct__extern(s, fd, path, p(768), k % 32),
        50 => io_uring_prep_epoll_ctl__extern(s, fd, fd + 1, 1 + k3, p(832)),
        51 => io_uring_prep_provide_buffers__extern(s, p(1024), n as c_int, 1 + k8, k4, (k % 16) as c_int),
        52 => io_uring_prep_remove_buffers__extern(s, 1 + k8, k4),
        53 => io_uring_prep_shutdown__extern(s, fd, k3),
        54 => io_uring_prep_unlinkat__extern(s, fd, path, if k2 != 0 { 0x200 } else { 0 }),
        55 => io_uring_prep_unlink__extern(s, path, if k2 != 0 { 0x200 } else { 0 }),
        56 => io_uring_prep_renameat__extern(s, fd, path, fd + 1, path2, k % 4),
        57 => io_uring_prep_rename__extern(s, path, path2),
        58 => io_uring_prep_sync_file_range__extern(s, fd, n, off, k8),
        59 => io_uring_prep_mkdirat__extern(s, fd, path, 0o755),
        60 => io_uring_prep_mkdir__extern(s, path, 0o755),
        61 => io_uring_prep_symlinkat__extern(s, path, fd, path2),
        62 => io_uring_prep_symlink__extern(s, path, path2),
        63 => io_uring_prep_linkat__extern(s, fd, path, fd + 1, path2, k2),
        64 => io_uring_prep_link__extern(s, path, path2, k2),
        65 => io_uring_prep_msg_ring__extern(s, fd, n, 1000 + k as u64, k % 2),
        66 => io_uring_prep_getxattr__extern(s, name, value, path, n),
        67 => io_uring_prep_setxattr__extern(s, name, value, path, k3, n),
        68 => io_uring_prep_fgetxattr__extern(s, fd, name, value, n),
        69 => io_uring_prep_fsetxattr__extern(s, fd, name, value, k3, n),
        70 => io_uring_prep_socket__extern(s, 2 + (k % 9) as c_int, 1 + k2, 0, k % 4),
        71 => io_uring_prep_socket_direct__extern(s, 2 + (k % 9) as c_int, 1 + k2, 0, k % 32, k % 4),
        72 => io_uring_prep_socket_direct_alloc__extern(s, 2 + (k % 9) as c_int, 1 + k2, 0, k % 4),
        _ => unreachable!("{which} is not a prep helper's number"),
    }
}

/// The memory the kernel shares with a ring: indices, flags, SQEs and CQEs, all this crate's.
#[repr(C)]
struct RingMemory {
    sq_head: u32,
    sq_tail: u32,
    sq_flags: u32,
    sq_dropped: u32,
    sq_mask: u32,
    sq_entries: u32,
    array: [u32; ENTRIES],
    cq_head: u32,
    cq_tail: u32,
    cq_flags: u32,
    cq_overflow: u32,
    cq_mask: u32,
    cq_entries: u32,
    sqes: [Sqe; ENTRIES],
    cqes: [Cqe; CQ_ENTRIES],
}

/// As io_uring_queue_init maps a ring (features 0: a CQE with LIBURING_UDATA_TIMEOUT is liburing's own).
fn ring_new() -> (Box<IoUring>, Box<RingMemory>) {
    // all integers and raw pointers: zero is a valid value of each
    let mut m: Box<RingMemory> = Box::new(unsafe { std::mem::zeroed() });
    let mut ring: Box<IoUring> = Box::new(unsafe { std::mem::zeroed() });
    m.sq_mask = ENTRIES as u32 - 1;
    m.sq_entries = ENTRIES as u32;
    m.cq_mask = CQ_ENTRIES as u32 - 1;
    m.cq_entries = CQ_ENTRIES as u32;
    ring.sq.khead = &mut m.sq_head;
    ring.sq.ktail = &mut m.sq_tail;
    ring.sq.kring_mask = &mut m.sq_mask;
    ring.sq.kring_entries = &mut m.sq_entries;
    ring.sq.kflags = &mut m.sq_flags;
    ring.sq.kdropped = &mut m.sq_dropped;
    ring.sq.array = m.array.as_mut_ptr();
    ring.sq.sqes = m.sqes.as_mut_ptr();
    ring.sq.ring_mask = ENTRIES as u32 - 1;
    ring.sq.ring_entries = ENTRIES as u32;
    ring.cq.khead = &mut m.cq_head;
    ring.cq.ktail = &mut m.cq_tail;
    ring.cq.kring_mask = &mut m.cq_mask;
    ring.cq.kring_entries = &mut m.cq_entries;
    ring.cq.kflags = &mut m.cq_flags;
    ring.cq.koverflow = &mut m.cq_overflow;
    ring.cq.cqes = m.cqes.as_mut_ptr();
    ring.cq.ring_mask = CQ_ENTRIES as u32 - 1;
    ring.cq.ring_entries = CQ_ENTRIES as u32;
    ring.ring_fd = -1;
    ring.enter_ring_fd = -1;
    (ring, m)
}

// The kernel's side writes the ring memory behind the helpers' pointers: through raw pointers only,
// as the kernel would, never through a Rust reference the helpers' writes could invalidate.
unsafe fn post_cqe(m: *mut RingMemory, user_data: u64, res: i32, flags: u32) {
    let tail = (*m).cq_tail;
    let c = addr_of_mut!((*m).cqes[tail as usize & (CQ_ENTRIES - 1)]);
    (*c).user_data = user_data;
    (*c).res = res;
    (*c).flags = flags;
    (*m).cq_tail = tail.wrapping_add(1);
}

/// The kernel's side: consume every SQE queued since the last call, post a CQE for each.
unsafe fn kernel_complete(m: *mut RingMemory, ring: *const IoUring) {
    let mut head = (*m).sq_head;
    while head != (*ring).sq.sqe_tail {
        let s = &(*m).sqes[head as usize & (ENTRIES - 1)].words;
        let (opcode, flags) = (s[0] as u8, (s[0] >> 8) as u8);
        post_cqe(m, s[4], (s[3] as u32).wrapping_add(opcode as u32) as i32, flags as u32);
        head = head.wrapping_add(1);
    }
    (*m).sq_head = (*ring).sq.sqe_tail;
}

/// What one run counted; printed as lines, the C program's too.
#[derive(Default)]
struct Tally {
    queued: u64,
    full: u64,
    space: u64,
    ready: u64,
    sqwait: u64,
    reaped: u64,
    cq_ready: u64,
    again: u64,
    overflow: u64,
    eventfd: u64,
    toggles: u64,
    checksum: u64,
}

/// Every prep helper once on a patterned SQE (printed), then `rounds` rounds of: queue a batch of SQEs
/// through the prep family, complete them on the kernel's side, and reap the CQEs one of three ways.
#[no_mangle]
pub extern "C" fn uring_corpus_run(rounds: u64) {
    let mut one = Sqe { words: [0; 8] };
    let mut t = Tally::default();
    unsafe {
        for i in 0..PREPS {
            one.words = [0xa5a5a5a5a5a5a5a5; 8];
            prep_one(&mut one, i, 7);
            let words: Vec<String> = one.words.iter().map(|w| format!("{:016x}", normal(*w))).collect();
            println!("prep {i:2}: {}", words.join(" "));
        }

        let (mut ring_box, mut m_box) = ring_new();
        let (ring, m): (*mut IoUring, *mut RingMemory) = (&mut *ring_box, &mut *m_box);
        let mut bufs = BufRing { words: [0; 2 * ENTRIES] };
        let br: *mut BufRing = &mut bufs;
        io_uring_buf_ring_init__extern(br);
        for round in 0..rounds {
            let batch = 1 + round % ENTRIES as u64;
            let mode = round % 3;
            let mask = io_uring_buf_ring_mask__extern(ENTRIES as u32);

            t.space += io_uring_sq_space_left__extern(ring) as u64;
            for i in 0..batch {
                let s = io_uring_get_sqe__extern(ring);
                if s.is_null() {
                    t.full += 1;
                    break;
                }
                prep_one(s, ((round * 7 + i) % PREPS as u64) as u32, (round + i) as u32);
                if i % 2 != 0 {
                    io_uring_sqe_set_data64__extern(s, round << 8 | i);
                } else {
                    io_uring_sqe_set_data__extern(s, p((round % 64 * 8) as usize));
                }
                io_uring_sqe_set_flags__extern(s, if (round + i) % 4 != 0 { 0 } else { IOSQE_IO_LINK });
                for w in (*s).words {
                    t.checksum = mix(t.checksum, w);
                }
                t.queued += 1;
            }
            t.ready += io_uring_sq_ready__extern(ring) as u64;
            t.sqwait += io_uring_sqring_wait__extern(ring) as u64;
            // liburing skips a CQE of its own timeouts (while it has no EXT_ARG), reporting an error one
            if round % 5 == 0 && mode != 2 {
                post_cqe(m, LIBURING_UDATA_TIMEOUT, if round % 10 == 0 { -62 } else { 0 }, 0);
            }
            kernel_complete(m, ring);

            (*m).sq_flags = if round % 11 == 0 { IORING_SQ_CQ_OVERFLOW } else { 0 };
            t.overflow += io_uring_cq_has_overflow__extern(ring) as u64;
            (*m).sq_flags = 0;
            t.eventfd += io_uring_cq_eventfd_enabled__extern(ring) as u64;
            t.toggles += (io_uring_cq_eventfd_toggle__extern(ring, round % 2 != 0) == 0) as u64;

            for i in 0..2u64 {
                io_uring_buf_ring_add__extern(br, p(1024 + (round % 8) as usize * 64), 64 + i as u32,
                    (round + i) as u16, mask, i as c_int);
            }
            io_uring_buf_ring_advance__extern(br, 2);

            let n = io_uring_cq_ready__extern(ring);
            t.cq_ready += n as u64;
            if mode == 0 {
                // as io_uring_for_each_cqe walks them, then one advance for all
                for j in 0..n {
                    let c = addr_of_mut!((*m).cqes[(*m).cq_head.wrapping_add(j) as usize & (CQ_ENTRIES - 1)]);
                    t.checksum = mix(t.checksum, io_uring_cqe_get_data64__extern(c));
                    t.checksum = mix(t.checksum, (*c).res as i64 as u64);
                }
                if round % 6 == 0 {
                    io_uring_buf_ring_cq_advance__extern(ring, br, n as c_int);
                } else {
                    io_uring_cq_advance__extern(ring, n);
                }
                t.reaped += n as u64;
            } else {
                loop {
                    let mut c: *mut Cqe = null_mut();
                    let ret = if mode == 1 || io_uring_cq_ready__extern(ring) == 0 {
                        io_uring_peek_cqe__extern(ring, &mut c)
                    } else {
                        io_uring_wait_cqe__extern(ring, &mut c)
                    };
                    if ret < 0 {
                        t.again += (ret == -EAGAIN) as u64;
                        break;
                    }
                    t.checksum = mix(t.checksum, io_uring_cqe_get_data__extern(c) as u64);
                    t.checksum = mix(t.checksum, ((*c).res as i64 as u64).wrapping_add((*c).flags as u64));
                    io_uring_cqe_seen__extern(ring, c);
                    t.reaped += 1;
                }
            }
        }
        println!("sq: queued={} full={} space={} ready={} sqwait={}", t.queued, t.full, t.space, t.ready, t.sqwait);
        println!("cq: reaped={} ready={} again={} overflow={} eventfd={} toggles={}", t.reaped, t.cq_ready, t.again,
            t.overflow, t.eventfd, t.toggles);
        println!("checksum={}", t.checksum);
        println!("indices: sq {}/{} cq {}/{} cq flags {} buf tail {}", (*m).sq_head, (*ring).sq.sqe_tail,
            (*m).cq_head, (*m).cq_tail, (*m).cq_flags, (bufs.words[1] >> 48) as u16);
    }
}

/// The benchmark's hot loop: queue a batch of reads, let the kernel's side complete them, reap every
/// CQE. Returns a checksum of what was reaped.
#[no_mangle]
pub extern "C" fn uring_corpus_bench(rounds: u64) -> u64 {
    let (mut ring_box, mut m_box) = ring_new();
    let (ring, m): (*mut IoUring, *mut RingMemory) = (&mut *ring_box, &mut *m_box);
    let mut sum = 0u64;
    unsafe {
        for round in 0..rounds {
            for i in 0..ENTRIES as u64 {
                let s = io_uring_get_sqe__extern(ring);
                if s.is_null() {
                    break;
                }
                io_uring_prep_read__extern(s, 3 + i as c_int, p(128), 4096, round.wrapping_mul(4096));
                io_uring_sqe_set_data64__extern(s, round.wrapping_mul(ENTRIES as u64).wrapping_add(i));
            }
            kernel_complete(m, ring);
            let n = io_uring_cq_ready__extern(ring);
            for _ in 0..n {
                let mut c: *mut Cqe = null_mut();
                if io_uring_peek_cqe__extern(ring, &mut c) != 0 {
                    break;
                }
                sum = sum.wrapping_add(io_uring_cqe_get_data64__extern(c)).wrapping_add((*c).res as i64 as u64);
                io_uring_cqe_seen__extern(ring, c);
            }
        }
    }
    sum
}
