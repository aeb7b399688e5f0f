//! Bindings to the vendored ring library; the static inline functions through csrc/wrappers.c.
#![allow(non_camel_case_types)]

pub const RING_ENTRIES: usize = 64;

#[repr(C)]
#[derive(Debug, Default, Copy, Clone)]
pub struct ring_sqe {
    pub user_data: u64,
    pub op: u32,
    pub len: u32,
}

#[repr(C)]
#[derive(Copy, Clone)]
pub struct ring {
    pub head: u32,
    pub tail: u32,
    pub sqes: [ring_sqe; RING_ENTRIES],
}

extern "C" {
    pub fn ring_setup(r: *mut ring) -> i32;
    pub fn ring_instances() -> u32;
    #[link_name = "rust_ring_get_sqe"]
    pub fn ring_get_sqe(r: *mut ring) -> *mut ring_sqe;
    #[link_name = "rust_ring_prep"]
    pub fn ring_prep(sqe: *mut ring_sqe, op: u32, len: u32, data: u64);
    #[link_name = "rust_ring_consume"]
    pub fn ring_consume(r: *mut ring, n: u32) -> u32;
}
