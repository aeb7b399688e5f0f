//! The liburing corpus program: `run N` prints the helpers' results, `bench N` times the hot loop.
//! Its crate's object (`crate/lib.rs`, built plain or through graft) is linked in with -Clink-arg.

use std::time::Instant;

extern "C" {
    fn uring_corpus_run(n: u64);
    fn uring_corpus_bench(n: u64) -> u64;
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1000);
    match args.get(1).map(String::as_str) {
        Some("bench") => {
            let start = Instant::now();
            let checksum = unsafe { uring_corpus_bench(n) };
            println!("{} ns checksum {checksum}", start.elapsed().as_nanos());
        }
        _ => unsafe { uring_corpus_run(n) },
    }
}
