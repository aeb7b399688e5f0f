#![no_std]
// Several modules, so that rustc has several codegen units to make when asked for them.

extern "C" {
    fn rust_helper_add(a: i32, b: i32) -> i32;
    fn rust_helper_load(p: *const i32) -> i32;
    fn rust_helper_store(p: *mut i32, v: i32);
}

pub mod sums {
    #[inline(never)]
    pub fn sum_to(n: i32) -> i32 {
        let mut s = 0;
        let mut i = 0;
        while i < n {
            s = unsafe { super::rust_helper_add(s, i) };
            i += 1;
        }
        s
    }
}

pub mod cells {
    #[inline(never)]
    pub fn bump(cell: *mut i32) -> i32 {
        unsafe {
            super::rust_helper_store(cell, super::rust_helper_load(cell) + 1);
            super::rust_helper_load(cell)
        }
    }
}

#[no_mangle]
pub extern "C" fn multi_entry(cell: *mut i32, n: i32) -> i32 {
    sums::sum_to(n) + cells::bump(cell)
}
