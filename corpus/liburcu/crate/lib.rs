//! Rust callers of liburcu's inline API (urcu-memb flavour), through the wrappers generated from
//! `../helpers.list`: every wrapper is called. `urcu_corpus_run` prints what `../main.c` prints when
//! it calls the inline functions and macros directly; `urcu_corpus_bench` is the benchmark's hot loop.
//! The crate's object is linked into `main.rs`'s binary (plain: with the wrappers' object; through
//! graft: without, every wrapper inlined), with `-lurcu-memb -lurcu-common`.
use std::ffi::{c_int, c_ulong, c_void};
use std::ptr;

extern "C" {
    // out-of-line library functions (not helpers)
    fn urcu_memb_register_thread();
    fn urcu_memb_unregister_thread();
    fn urcu_memb_synchronize_rcu();

    fn urcu_memb_read_lock__extern();
    fn urcu_memb_read_unlock__extern();
    fn urcu_memb_read_ongoing__extern() -> c_int;
    fn rcu_dereference__extern(p: *mut *mut c_void) -> *mut c_void;
    fn rcu_assign_pointer__extern(p: *mut *mut c_void, v: *mut c_void);
    fn rcu_set_pointer__extern(p: *mut *mut c_void, v: *mut c_void);
    fn rcu_xchg_pointer__extern(p: *mut *mut c_void, v: *mut c_void) -> *mut c_void;
    fn rcu_cmpxchg_pointer__extern(p: *mut *mut c_void, old: *mut c_void, new: *mut c_void) -> *mut c_void;
    fn uatomic_read__extern(addr: *mut c_ulong) -> c_ulong;
    fn uatomic_set__extern(addr: *mut c_ulong, v: c_ulong);
    fn uatomic_add__extern(addr: *mut c_ulong, v: c_ulong);
    fn uatomic_sub__extern(addr: *mut c_ulong, v: c_ulong);
    fn uatomic_inc__extern(addr: *mut c_ulong);
    fn uatomic_dec__extern(addr: *mut c_ulong);
    fn uatomic_add_return__extern(addr: *mut c_ulong, v: c_ulong) -> c_ulong;
    fn uatomic_sub_return__extern(addr: *mut c_ulong, v: c_ulong) -> c_ulong;
    fn uatomic_xchg__extern(addr: *mut c_ulong, v: c_ulong) -> c_ulong;
    fn uatomic_cmpxchg__extern(addr: *mut c_ulong, old: c_ulong, new: c_ulong) -> c_ulong;
    fn uatomic_and__extern(addr: *mut c_ulong, mask: c_ulong);
    fn uatomic_or__extern(addr: *mut c_ulong, mask: c_ulong);
    fn cmm_smp_mb__extern();
    fn cmm_smp_rmb__extern();
    fn cmm_smp_wmb__extern();
    fn caa_cpu_relax__extern();
}

/// An RCU-protected object: readers find it through `head`, the writer replaces it.
#[repr(C)]
struct Node {
    value: c_ulong,
    generation: c_ulong,
}

fn node(value: c_ulong, generation: c_ulong) -> *mut c_void {
    Box::into_raw(Box::new(Node { value, generation })) as *mut c_void
}

/// Frees a node no reader can still see (after a grace period, or never published).
unsafe fn free_node(p: *mut c_void) {
    drop(Box::from_raw(p as *mut Node));
}

/// Readers walk `head` `n` times; every 64th pass the writer replaces the node and reclaims the old
/// one after a grace period.
unsafe fn read_side(n: c_ulong) {
    let mut head: *mut c_void = ptr::null_mut();
    rcu_assign_pointer__extern(&mut head, node(1, 0));
    let (mut sum, mut ongoing, mut generations): (c_ulong, c_ulong, c_ulong) = (0, 0, 0);
    for i in 0..n {
        urcu_memb_read_lock__extern();
        let p = rcu_dereference__extern(&mut head) as *const Node;
        sum = sum.wrapping_add((*p).value);
        generations = generations.wrapping_add((*p).generation);
        ongoing += (urcu_memb_read_ongoing__extern() != 0) as c_ulong;
        urcu_memb_read_unlock__extern();
        if i % 64 == 63 {
            let next = node(i + 2, i / 64 + 1);
            let old = rcu_xchg_pointer__extern(&mut head, next);
            urcu_memb_synchronize_rcu();
            free_node(old);
        }
    }
    urcu_memb_read_lock__extern();
    urcu_memb_read_lock__extern();
    let nested = urcu_memb_read_ongoing__extern() != 0;
    urcu_memb_read_unlock__extern();
    let still = urcu_memb_read_ongoing__extern() != 0;
    urcu_memb_read_unlock__extern();
    let after = urcu_memb_read_ongoing__extern() != 0;
    println!("read side: sum={sum} generations={generations} ongoing={ongoing} nested={} {} {}",
        nested as c_int, still as c_int, after as c_int);
    free_node(rcu_dereference__extern(&mut head));
}

unsafe fn pointers() {
    let (a, b) = (node(10, 0), node(20, 0));
    let mut slot: *mut c_void = ptr::null_mut();
    rcu_set_pointer__extern(&mut slot, a);
    let hit = rcu_cmpxchg_pointer__extern(&mut slot, a, b) == a;
    let miss = rcu_cmpxchg_pointer__extern(&mut slot, a, ptr::null_mut()) == b;
    let now = (*(rcu_dereference__extern(&mut slot) as *const Node)).value;
    let old = rcu_xchg_pointer__extern(&mut slot, ptr::null_mut());
    let old_value = (*(old as *const Node)).value;
    let empty = rcu_dereference__extern(&mut slot).is_null();
    println!("pointers: cmpxchg hit={} miss={} value={now} xchg old={old_value} empty={}",
        hit as c_int, miss as c_int, empty as c_int);
    free_node(a);
    free_node(b);
}

unsafe fn uatomics(n: c_ulong) {
    let mut c: c_ulong = 0;
    uatomic_set__extern(&mut c, 5);
    uatomic_add__extern(&mut c, 10);
    uatomic_sub__extern(&mut c, 3);
    uatomic_inc__extern(&mut c);
    uatomic_dec__extern(&mut c);
    let added = uatomic_add_return__extern(&mut c, 8);
    let subtracted = uatomic_sub_return__extern(&mut c, 4);
    let swapped = uatomic_xchg__extern(&mut c, 0xff);
    let cas_hit = uatomic_cmpxchg__extern(&mut c, 0xff, 0x1f0);
    let cas_miss = uatomic_cmpxchg__extern(&mut c, 0, 1);
    uatomic_and__extern(&mut c, 0x0f0);
    uatomic_or__extern(&mut c, 0x3);
    let last = uatomic_read__extern(&mut c);
    let mut total: c_ulong = 0;
    for i in 0..n {
        total = total.wrapping_add(uatomic_add_return__extern(&mut c, i));
        if i % 3 == 0 {
            uatomic_dec__extern(&mut c);
        }
    }
    println!("uatomic: {added} {subtracted} {swapped} {cas_hit:#x} {cas_miss:#x} {last:#x} total={total} final={}",
        uatomic_read__extern(&mut c));
}

unsafe fn barriers(n: c_ulong) {
    let mut flag: c_ulong = 0;
    for i in 0..n {
        uatomic_set__extern(&mut flag, i);
        cmm_smp_wmb__extern();
        cmm_smp_mb__extern();
        cmm_smp_rmb__extern();
        caa_cpu_relax__extern();
    }
    println!("barriers: flag={}", uatomic_read__extern(&mut flag));
}

/// Runs every helper; prints one line per group.
#[no_mangle]
pub extern "C" fn urcu_corpus_run(n: c_ulong) {
    unsafe {
        urcu_memb_register_thread();
        read_side(n);
        pointers();
        uatomics(n);
        barriers(n);
        urcu_memb_unregister_thread();
    }
}

/// The benchmark's hot loop: a read-side critical section around a dereference, and a shared counter.
#[no_mangle]
pub extern "C" fn urcu_corpus_bench(n: c_ulong) -> c_ulong {
    unsafe {
        urcu_memb_register_thread();
        let mut head: *mut c_void = ptr::null_mut();
        rcu_assign_pointer__extern(&mut head, node(3, 0));
        let mut counter: c_ulong = 0;
        let mut sum: c_ulong = 0;
        for i in 0..n {
            urcu_memb_read_lock__extern();
            let p = rcu_dereference__extern(&mut head) as *const Node;
            sum = sum.wrapping_add((*p).value ^ i);
            urcu_memb_read_unlock__extern();
            uatomic_inc__extern(&mut counter);
        }
        free_node(rcu_dereference__extern(&mut head));
        urcu_memb_unregister_thread();
        sum.wrapping_add(uatomic_read__extern(&mut counter))
    }
}
