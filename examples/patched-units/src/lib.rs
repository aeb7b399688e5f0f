//! Functions that call C helpers, in the shapes rustc gives them, among many that call none.
use std::sync::atomic::{AtomicI32, Ordering};

extern "C" {
    fn rust_helper_mix(x: i32) -> i32;
    fn rust_helper_rotate(x: u64, k: u32) -> u64;
    fn rust_helper_clamp(x: i32, lo: i32, hi: i32) -> i32;
}

/// Private state the helper-calling code shares with code that calls no helper.
static CALLS: AtomicI32 = AtomicI32::new(0);

/// A public function that calls a helper in a loop.
pub fn mix_sum(v: &[i32]) -> i32 {
    v.iter().fold(0i32, |acc, x| acc.wrapping_add(unsafe { rust_helper_mix(*x) }))
}

/// A private function that calls a helper and touches private state.
#[inline(never)]
fn counted_mix(x: i32) -> i32 {
    CALLS.fetch_add(1, Ordering::Relaxed);
    unsafe { rust_helper_mix(x) }
}

/// Calls the private function; calls no helper itself.
pub fn counted(v: &[i32]) -> i32 {
    v.iter().map(|x| counted_mix(*x)).fold(0, i32::wrapping_add)
}

pub fn calls() -> i32 {
    CALLS.load(Ordering::Relaxed)
}

/// Behind a vtable.
pub trait Shape {
    fn area(&self) -> u64;
    fn name(&self) -> &'static str;
}

pub struct Square(pub u64);
pub struct Ring(pub u64, pub u32);

impl Shape for Square {
    fn area(&self) -> u64 {
        self.0 * self.0
    }
    fn name(&self) -> &'static str {
        "square"
    }
}

impl Shape for Ring {
    fn area(&self) -> u64 {
        unsafe { rust_helper_rotate(self.0, self.1) }
    }
    fn name(&self) -> &'static str {
        "ring"
    }
}

pub fn shapes(n: u64) -> Vec<Box<dyn Shape>> {
    (0..n).map(|i| if i % 2 == 0 { Box::new(Square(i)) as Box<dyn Shape> } else { Box::new(Ring(i, i as u32)) })
        .collect()
}

/// A closure that calls a helper, passed to a generic function.
#[inline(never)]
pub fn apply<F: Fn(i32) -> i32>(f: F, v: &[i32]) -> Vec<i32> {
    v.iter().map(|x| f(*x)).collect()
}

pub fn clamped(v: &[i32], lo: i32, hi: i32) -> Vec<i32> {
    apply(|x| unsafe { rust_helper_clamp(x, lo, hi) }, v)
}

/// A panic on the path out of a helper-calling function: unwinding must pass through the new code.
pub fn checked(x: i32) -> i32 {
    let y = unsafe { rust_helper_clamp(x, 0, 100) };
    if y == 100 {
        panic!("{x} is too big");
    }
    y
}

/// A match rustc turns into a jump table, with helper calls in its arms.
pub fn dispatch(x: i32) -> i32 {
    match x.rem_euclid(9) {
        0 => unsafe { rust_helper_mix(x) },
        1 => x + 11,
        2 => unsafe { rust_helper_clamp(x, -5, 5) },
        3 => x * 3,
        4 => unsafe { rust_helper_rotate(x as u64, 3) as i32 },
        5 => x ^ 0x55,
        6 => x - 17,
        7 => unsafe { rust_helper_mix(x + 1) },
        _ => 42,
    }
}

/// Many functions that call no helper: their code must stay rustc's, byte for byte.
macro_rules! plain {
    ($($name:ident $k:literal),*) => {
        $(
            pub fn $name(v: &[i32]) -> i32 {
                let mut acc: i32 = $k;
                for (j, x) in v.iter().enumerate() {
                    if (*x ^ $k) & 3 == 0 { acc = acc.wrapping_mul($k + 3).wrapping_add(*x); }
                    else if j % 3 == 0 { acc = acc.rotate_left($k % 13 + 1) ^ *x; }
                    else { acc = acc.wrapping_sub(x.wrapping_mul($k)); }
                }
                acc
            }
        )*
        pub fn plain_all(v: &[i32]) -> Vec<i32> {
            vec![$($name(v)),*]
        }
    };
}

plain!(p0 0, p1 1, p2 2, p3 3, p4 4, p5 5, p6 6, p7 7, p8 8, p9 9, p10 10, p11 11, p12 12, p13 13, p14 14,
       p15 15, p16 16, p17 17, p18 18, p19 19, p20 20, p21 21, p22 22, p23 23, p24 24, p25 25, p26 26, p27 27,
       p28 28, p29 29, p30 30, p31 31, p32 32, p33 33, p34 34, p35 35, p36 36, p37 37, p38 38, p39 39);
