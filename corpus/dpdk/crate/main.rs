//! The driver: links the object of dpdk_calls.rs (plain or through graft) or of ../c/dpdk_calls.c.
//! `main` prints the exercise's output; `main bench N` times N iterations of the hot loop and prints
//! nanoseconds per iteration and the loop's checksum.
use std::ffi::c_int;

extern "C" {
    fn dpdk_exercise() -> c_int;
    fn dpdk_hot_loop(iterations: u64) -> u64;
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("bench") {
        let n: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(10_000_000);
        let start = std::time::Instant::now();
        let checksum = unsafe { dpdk_hot_loop(std::hint::black_box(n)) };
        let ns = start.elapsed().as_nanos() as f64 / n as f64;
        println!("{ns:.3} ns/iter checksum {checksum}");
    } else {
        std::process::exit(unsafe { dpdk_exercise() });
    }
}
