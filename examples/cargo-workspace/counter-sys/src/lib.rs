//! Bindings as bindgen writes them with `--wrap-static-fns`: each static inline C function is
//! reached through its `__extern` wrapper, compiled by build.rs.
#![allow(non_camel_case_types)]

#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct counter {
    pub value: i64,
    pub limit: i64,
    pub overflows: u32,
}

extern "C" {
    #[link_name = "counter_init__extern"]
    pub fn counter_init(c: *mut counter, limit: i64);
    #[link_name = "counter_add__extern"]
    pub fn counter_add(c: *mut counter, delta: i64) -> i64;
    #[link_name = "counter_get__extern"]
    pub fn counter_get(c: *const counter) -> i64;
    #[link_name = "counter_overflows__extern"]
    pub fn counter_overflows(c: *const counter) -> u32;
    #[link_name = "mix64__extern"]
    pub fn mix64(x: u64) -> u64;
}
