// FunctionRemovalTest: a program whose local and global functions are taken out of its object and
// replaced by copies compiled elsewhere; it must behave, panic and unwind exactly as rustc built it.
use std::hint::black_box;

#[inline(never)]
fn local_step(x: u64) -> u64 {
    if x == 77 { panic!("local_step saw {}", x); }
    x.wrapping_mul(2654435761).rotate_left(7) ^ 0x55
}

#[no_mangle]
#[inline(never)]
pub extern "C" fn graft_global_mix(a: u64, b: u64) -> u64 {
    let mut acc = a;
    for i in 0..b { acc = local_step(acc ^ i); }
    match acc % 7 {
        0 => acc + 11, 1 => acc * 3, 2 => acc ^ 0xdead, 3 => acc.rotate_right(5),
        4 => acc / 3 + 1, 5 => acc.wrapping_sub(99), _ => acc.count_ones() as u64,
    }
}

trait Shape { fn area(&self) -> u64; }
struct Sq(u64);
impl Shape for Sq { #[inline(never)] fn area(&self) -> u64 { local_step(self.0) } }

#[inline(never)]
fn with_closure<F: Fn(u64) -> u64>(f: F, n: u64) -> u64 { (0..n).map(|i| f(i)).sum() }

fn main() {
    let n: u64 = black_box(10);
    println!("mix {}", graft_global_mix(n, 5));
    let s: Box<dyn Shape> = Box::new(Sq(black_box(3)));
    println!("area {}", s.area());
    println!("closure {}", with_closure(|x| local_step(x) & 0xff, n));
    let r = std::panic::catch_unwind(|| local_step(black_box(77)));
    println!("caught {}", r.is_err());
}
