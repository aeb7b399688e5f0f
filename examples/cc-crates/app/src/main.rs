//! Calls every wrapper in loops and prints what they computed: the same with and without graft.
use std::mem::MaybeUninit;

fn ring_round(rounds: u64) -> u64 {
    let mut r = MaybeUninit::<ring_sys::ring>::uninit();
    let mut sum = 0u64;
    unsafe {
        assert_eq!(ring_sys::ring_setup(r.as_mut_ptr()), 0);
        let r = r.assume_init_mut();
        for i in 0..rounds {
            let sqe = ring_sys::ring_get_sqe(r);
            if sqe.is_null() {
                sum += u64::from(ring_sys::ring_consume(r, 48));
                continue;
            }
            ring_sys::ring_prep(sqe, (i % 7) as u32, (i % 4096) as u32, i);
            sum = sum.wrapping_add((*sqe).user_data ^ u64::from((*sqe).len));
        }
        sum.wrapping_add(u64::from(ring_sys::ring_instances()))
    }
}

fn math_round(rounds: u64) -> u64 {
    let mut acc = 0u64;
    for i in 0..rounds {
        unsafe {
            acc = acc.wrapping_add(u64::from(wrap_static::clamp_add(i as u32, 17, 1 << 20)));
            acc ^= wrap_static::rotmix(acc, (i % 61) as u32);
        }
    }
    acc
}

fn bits_round(rounds: u64) -> u64 {
    let mut acc = 0u64;
    for i in 0..rounds {
        unsafe {
            acc = acc.wrapping_add(u64::from(march_sys::bits_weight(i.wrapping_mul(0x9e3779b97f4a7c15))));
            acc = acc.rotate_left(9) ^ march_sys::bits_low(i.wrapping_mul(0xff51afd7ed558ccd), (i % 70) as u32);
        }
    }
    acc
}

fn main() {
    let rounds: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    println!("ring {}", ring_round(rounds));
    println!("math {}", math_round(rounds));
    println!("bits {}", bits_round(rounds));
}
