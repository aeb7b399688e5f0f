//! A safe API over counter-sys. `#[inline]` and generic functions are compiled in the crate that
//! calls them, so their helper calls are inlined there, not here.
use counter_sys as sys;

pub struct Counter {
    raw: sys::counter,
}

impl Counter {
    pub fn new(limit: i64) -> Counter {
        let mut raw = sys::counter::default();
        unsafe { sys::counter_init(&mut raw, limit) };
        Counter { raw }
    }

    #[inline]
    pub fn add(&mut self, delta: i64) -> i64 {
        unsafe { sys::counter_add(&mut self.raw, delta) }
    }

    #[inline]
    pub fn get(&self) -> i64 {
        unsafe { sys::counter_get(&self.raw) }
    }

    pub fn overflows(&self) -> u32 {
        unsafe { sys::counter_overflows(&self.raw) }
    }

    /// Adds the hash of every item: instantiated in the caller's crate for each `T`.
    pub fn add_all<T: Copy + Into<u64>>(&mut self, items: &[T]) -> i64 {
        for &item in items {
            self.add((hash(item.into()) % 1000) as i64);
        }
        self.get()
    }
}

/// A non-generic, non-inline function that stays in this crate: its helper call is inlined here.
pub fn checksum(values: &[u64]) -> u64 {
    values.iter().fold(0, |acc, &v| acc ^ unsafe { sys::mix64(v) })
}

#[inline]
pub fn hash(x: u64) -> u64 {
    unsafe { sys::mix64(x) }
}
