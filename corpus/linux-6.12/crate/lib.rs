//! One call site for every helper in Linux 6.12's `rust/helpers/*.c`, built with the kernel's Rust flags.
//!
//! Each `call_*` function calls its helper once, so the report's count of call sites is the number of
//! helpers. The declarations are written from the helpers' C prototypes; `graft rustc` checks each
//! against the helper's definition and refuses a crate whose declaration differs.
#![no_std]
#![allow(non_snake_case)]

use core::ffi::{c_char, c_int, c_long, c_uint, c_ulong, c_void};

/// `refcount_t`: a struct holding one `atomic_t`, returned by value by `REFCOUNT_INIT`.
#[repr(C)]
pub struct Refcount {
    refs: c_int,
}

/// `work_func_t`.
pub type WorkFunc = Option<unsafe extern "C" fn(work: *mut c_void)>;

macro_rules! call_sites {
    ($($helper:ident => $call:ident($($arg:ident: $ty:ty),*) $(-> $ret:ty)?;)*) => {
        unsafe extern "C" {
            $(fn $helper($($arg: $ty),*) $(-> $ret)?;)*
        }
        $(
            #[doc = concat!("Calls `", stringify!($helper), "` once.\n\n# Safety\n\nAs the C function it wraps.")]
            #[no_mangle]
            pub unsafe extern "C" fn $call($($arg: $ty),*) $(-> $ret)? {
                // SAFETY: the caller upholds the helper's contract.
                unsafe { $helper($($arg),*) }
            }
        )*
    };
}

call_sites! {
    // blk.c
    rust_helper_blk_mq_rq_to_pdu => call_blk_mq_rq_to_pdu(rq: *mut c_void) -> *mut c_void;
    rust_helper_blk_mq_rq_from_pdu => call_blk_mq_rq_from_pdu(pdu: *mut c_void) -> *mut c_void;
    // bug.c
    rust_helper_BUG => call_BUG() -> !;
    // build_bug.c
    rust_helper_errname => call_errname(err: c_int) -> *const c_char;
    // err.c
    rust_helper_ERR_PTR => call_ERR_PTR(err: c_long) -> *mut c_void;
    rust_helper_IS_ERR => call_IS_ERR(ptr: *const c_void) -> bool;
    rust_helper_PTR_ERR => call_PTR_ERR(ptr: *const c_void) -> c_long;
    // kunit.c
    rust_helper_kunit_get_current_test => call_kunit_get_current_test() -> *mut c_void;
    // mutex.c
    rust_helper_mutex_lock => call_mutex_lock(lock: *mut c_void);
    rust_helper___mutex_init => call___mutex_init(lock: *mut c_void, name: *const c_char, key: *mut c_void);
    // page.c
    rust_helper_alloc_pages => call_alloc_pages(gfp_mask: c_uint, order: c_uint) -> *mut c_void;
    rust_helper_kmap_local_page => call_kmap_local_page(page: *mut c_void) -> *mut c_void;
    rust_helper_kunmap_local => call_kunmap_local(addr: *const c_void);
    // rbtree.c
    rust_helper_rb_link_node => call_rb_link_node(node: *mut c_void, parent: *mut c_void, rb_link: *mut *mut c_void);
    // refcount.c
    rust_helper_REFCOUNT_INIT => call_REFCOUNT_INIT(n: c_int) -> Refcount;
    rust_helper_refcount_inc => call_refcount_inc(r: *mut Refcount);
    rust_helper_refcount_dec_and_test => call_refcount_dec_and_test(r: *mut Refcount) -> bool;
    // signal.c
    rust_helper_signal_pending => call_signal_pending(t: *mut c_void) -> c_int;
    // slab.c
    rust_helper_krealloc => call_krealloc(objp: *const c_void, new_size: usize, flags: c_uint) -> *mut c_void;
    rust_helper_kvrealloc => call_kvrealloc(p: *const c_void, size: usize, flags: c_uint) -> *mut c_void;
    // spinlock.c
    rust_helper___spin_lock_init => call___spin_lock_init(lock: *mut c_void, name: *const c_char, key: *mut c_void);
    rust_helper_spin_lock => call_spin_lock(lock: *mut c_void);
    rust_helper_spin_unlock => call_spin_unlock(lock: *mut c_void);
    // task.c
    rust_helper_get_current => call_get_current() -> *mut c_void;
    rust_helper_get_task_struct => call_get_task_struct(t: *mut c_void);
    rust_helper_put_task_struct => call_put_task_struct(t: *mut c_void);
    // uaccess.c
    rust_helper_copy_from_user => call_copy_from_user(to: *mut c_void, from: *const c_void, n: c_ulong) -> c_ulong;
    rust_helper_copy_to_user => call_copy_to_user(to: *mut c_void, from: *const c_void, n: c_ulong) -> c_ulong;
    // vmalloc.c
    rust_helper_vrealloc => call_vrealloc(p: *const c_void, size: usize, flags: c_uint) -> *mut c_void;
    // wait.c
    rust_helper_init_wait => call_init_wait(wq_entry: *mut c_void);
    // workqueue.c
    rust_helper_init_work_with_key => call_init_work_with_key(work: *mut c_void, func: WorkFunc, onstack: bool,
        name: *const c_char, key: *mut c_void);
}
