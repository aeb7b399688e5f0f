//! The liburcu corpus program: `run N` prints the helpers' results, `bench N` times the hot loop.
//! Its crate's object (`crate/lib.rs`, built plain or through graft) is linked in with -Clink-arg.
use std::ffi::c_ulong;
use std::time::Instant;

extern "C" {
    fn urcu_corpus_run(n: c_ulong);
    fn urcu_corpus_bench(n: c_ulong) -> c_ulong;
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: c_ulong = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1000);
    match args.get(1).map(String::as_str) {
        Some("bench") => {
            let start = Instant::now();
            let checksum = unsafe { urcu_corpus_bench(n) };
            println!("{} ns checksum {checksum}", start.elapsed().as_nanos());
        }
        _ => unsafe { urcu_corpus_run(n) },
    }
}
