//! The LTO benchmark's crate: kernel-style Rust calling the helpers of examples/kernel-helpers in
//! loops, and SQLite's C API, so that the program links the whole C code base and LTO has all of it
//! to chew on. `#![no_std]` and panic-free (raw pointers, wrapping arithmetic), so its object links
//! into the C program without Rust's runtime; iteration counts come from the caller.
#![no_std]

use core::ffi::{c_char, c_int, c_long, c_ulong, c_void};
use core::ptr;

include!("../../../examples/kernel-helpers/bindings.rs");

#[allow(non_camel_case_types)]
type sqlite3 = c_void;
#[allow(non_camel_case_types)]
type sqlite3_stmt = c_void;

extern "C" {
    fn sqlite3_open(filename: *const c_char, db: *mut *mut sqlite3) -> c_int;
    fn sqlite3_exec(db: *mut sqlite3, sql: *const c_char, cb: *const c_void, arg: *mut c_void,
                    err: *mut *mut c_char) -> c_int;
    fn sqlite3_prepare_v2(db: *mut sqlite3, sql: *const c_char, n: c_int, stmt: *mut *mut sqlite3_stmt,
                          tail: *mut *const c_char) -> c_int;
    fn sqlite3_bind_int64(stmt: *mut sqlite3_stmt, i: c_int, v: i64) -> c_int;
    fn sqlite3_step(stmt: *mut sqlite3_stmt) -> c_int;
    fn sqlite3_column_int64(stmt: *mut sqlite3_stmt, i: c_int) -> i64;
    fn sqlite3_finalize(stmt: *mut sqlite3_stmt) -> c_int;
    fn sqlite3_close(db: *mut sqlite3) -> c_int;
}

const SQLITE_ROW: c_int = 100;

/// The line bench/lto/run rewrites for "edit one Rust file": the crate's code changes, its output not.
#[no_mangle]
pub extern "C" fn bench_edit_marker() -> c_int { 0 }

/// Objects on a list under a lock, with references and a bitmap of live ids; returns a checksum.
#[no_mangle]
pub extern "C" fn bench_helpers(n: c_ulong) -> c_long {
    let mut head = ListHead { next: ptr::null_mut(), prev: ptr::null_mut() };
    let mut lock = Spinlock { locked: 0 };
    let mut objs: [Kobj; 8] = unsafe { core::mem::zeroed() };
    let mut bitmap: c_ulong = 0;
    let mut sum: c_long = 0;
    let base = objs.as_mut_ptr();
    unsafe {
        rust_helper_INIT_LIST_HEAD(&mut head);
        rust_helper_spin_lock_init(&mut lock);
        for i in 0..n {
            let slot = (i % 8) as usize;
            let o = base.add(slot);
            rust_helper_spin_lock(&mut lock);
            if rust_helper_test_bit(slot as c_ulong, &bitmap) {
                rust_helper_refcount_inc(&mut (*o).refcount);
                if rust_helper_refcount_read(&(*o).refcount) > 3 {
                    while rust_helper_refcount_dec_and_test(&mut (*o).refcount) == false {}
                    rust_helper_list_del(&mut (*o).node);
                    rust_helper_clear_bit(slot as c_ulong, &mut bitmap);
                }
            } else {
                (*o).id = i as c_long;
                rust_helper_refcount_set(&mut (*o).refcount, 1);
                rust_helper_list_add_tail(&mut (*o).node, &mut head);
                rust_helper_set_bit(slot as c_ulong, &mut bitmap);
            }
            rust_helper_spin_unlock(&mut lock);
            let e = rust_helper_ERR_PTR(-(((i % 4095) + 1) as c_long));
            if rust_helper_IS_ERR(e) && rust_helper_IS_ERR_OR_NULL(e) {
                sum = sum.wrapping_add(rust_helper_PTR_ERR(e));
            }
            if !rust_helper_list_empty(&head) {
                let first = rust_helper_kobj_from_node(head.next);
                sum = sum.wrapping_add((*first).id);
            }
            if bitmap != 0 {
                sum = sum.wrapping_add(rust_helper___ffs(bitmap) as c_long);
            }
        }
    }
    sum
}

/// Runs one query of n rows through an in-memory SQLite database; returns sum * 1_000_000 + count,
/// or a negative SQLite error code.
#[no_mangle]
pub extern "C" fn bench_sqlite(n: i64) -> i64 {
    let mut db: *mut sqlite3 = ptr::null_mut();
    let mut stmt: *mut sqlite3_stmt = ptr::null_mut();
    unsafe {
        let rc = sqlite3_open(c":memory:".as_ptr(), &mut db);
        if rc != 0 {
            return -(rc as i64);
        }
        let rc = sqlite3_exec(db, c"CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT);".as_ptr(),
                              ptr::null(), ptr::null_mut(), ptr::null_mut());
        if rc != 0 {
            sqlite3_close(db);
            return -(rc as i64);
        }
        let sql = c"WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ?1) \
                    SELECT sum(length(printf('%x', i * i)) + i % 7), count(*) FROM c";
        let rc = sqlite3_prepare_v2(db, sql.as_ptr(), -1, &mut stmt, ptr::null_mut());
        if rc != 0 {
            sqlite3_close(db);
            return -(rc as i64);
        }
        sqlite3_bind_int64(stmt, 1, n);
        let mut result = -1;
        if sqlite3_step(stmt) == SQLITE_ROW {
            result = sqlite3_column_int64(stmt, 0).wrapping_mul(1_000_000)
                .wrapping_add(sqlite3_column_int64(stmt, 1));
        }
        sqlite3_finalize(stmt);
        sqlite3_close(db);
        result
    }
}
