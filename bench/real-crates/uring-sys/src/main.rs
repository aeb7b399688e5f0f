//! Fills submission queue entries in memory through uring-sys's wrappers of liburing's static inline
//! functions (no ring, no system call): what an application's submission path calls per request.
use std::mem::MaybeUninit;
use uring_sys::*;

fn main() {
    let rounds: u64 = std::env::args().nth(1).map_or(200_000_000, |a| a.parse().expect("a count"));
    let mut sqes: [io_uring_sqe; 64] = unsafe { MaybeUninit::zeroed().assume_init() };
    let buffer = [0u8; 64];
    let mut check = 0u64;
    for i in 0..rounds {
        let sqe = &mut sqes[(i & 63) as usize] as *mut io_uring_sqe;
        unsafe {
            if i & 1 == 0 {
                io_uring_prep_nop(sqe);
            } else {
                io_uring_prep_rw(22, sqe, (i & 7) as i32, buffer.as_ptr().cast(), 64, i);
            }
            io_uring_sqe_set_data(sqe, i as *mut libc::c_void);
            io_uring_sqe_set_flags(sqe, (i & 3) as u32);
            check = check.wrapping_add((*sqe).user_data ^ u64::from((*sqe).opcode) ^ u64::from((*sqe).flags));
            std::hint::black_box(sqe); // the entry goes to the kernel: every field written stays written
        }
    }
    println!("{rounds} rounds, check {check:016x}");
}
