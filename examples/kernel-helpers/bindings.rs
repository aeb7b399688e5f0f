// Rust declarations of the helpers in helpers.c and the C types they take, as bindgen would
// write them. Included (include!) by every crate that uses the helpers, so they are written once.
// Paths are spelled out in full so that including this file adds no `use` that could clash.

#[repr(C)]
pub struct Refcount {
    pub refs: core::ffi::c_int,
}

#[repr(C)]
pub struct ListHead {
    pub next: *mut ListHead,
    pub prev: *mut ListHead,
}

#[repr(C)]
pub struct Spinlock {
    pub locked: core::ffi::c_int,
}

#[repr(C)]
pub struct Kobj {
    pub id: core::ffi::c_long,
    pub refcount: Refcount,
    pub node: ListHead,
}

extern "C" {
    pub fn rust_helper_refcount_set(r: *mut Refcount, n: core::ffi::c_int);
    pub fn rust_helper_refcount_read(r: *const Refcount) -> core::ffi::c_int;
    pub fn rust_helper_refcount_inc(r: *mut Refcount);
    pub fn rust_helper_refcount_dec_and_test(r: *mut Refcount) -> bool;

    pub fn rust_helper_ERR_PTR(error: core::ffi::c_long) -> *mut core::ffi::c_void;
    pub fn rust_helper_PTR_ERR(ptr: *const core::ffi::c_void) -> core::ffi::c_long;
    pub fn rust_helper_IS_ERR(ptr: *const core::ffi::c_void) -> bool;
    pub fn rust_helper_IS_ERR_OR_NULL(ptr: *const core::ffi::c_void) -> bool;

    pub fn rust_helper_INIT_LIST_HEAD(list: *mut ListHead);
    pub fn rust_helper_list_add(new: *mut ListHead, head: *mut ListHead);
    pub fn rust_helper_list_add_tail(new: *mut ListHead, head: *mut ListHead);
    pub fn rust_helper_list_del(entry: *mut ListHead);
    pub fn rust_helper_list_empty(head: *const ListHead) -> bool;

    pub fn rust_helper_set_bit(nr: core::ffi::c_ulong, addr: *mut core::ffi::c_ulong);
    pub fn rust_helper_clear_bit(nr: core::ffi::c_ulong, addr: *mut core::ffi::c_ulong);
    pub fn rust_helper_test_bit(nr: core::ffi::c_ulong, addr: *const core::ffi::c_ulong) -> bool;
    pub fn rust_helper___ffs(word: core::ffi::c_ulong) -> core::ffi::c_ulong;

    pub fn rust_helper_spin_lock_init(lock: *mut Spinlock);
    pub fn rust_helper_spin_lock(lock: *mut Spinlock);
    pub fn rust_helper_spin_unlock(lock: *mut Spinlock);
    pub fn rust_helper_spin_trylock(lock: *mut Spinlock) -> bool;

    pub fn rust_helper_kobj_from_node(node: *mut ListHead) -> *mut Kobj;
}
