// main() of the wrapped libraries' Rust programs (liburcu, libxdp, liburing), included by each
// LIB/main.rs with the two functions its crate exports: `run N` prints what the helpers return, `bench N`
// times the hot loop (prints "<ns> ns checksum <sum>"), as driver.h does for C.
macro_rules! corpus_main {
    ($run:ident, $bench:ident) => {
        extern "C" {
            fn $run(n: u64);
            fn $bench(n: u64) -> u64;
        }

        fn main() {
            let args: Vec<String> = std::env::args().collect();
            let n: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1000);
            match args.get(1).map(String::as_str) {
                Some("bench") => {
                    let start = std::time::Instant::now();
                    let checksum = unsafe { $bench(n) };
                    println!("{} ns checksum {checksum}", start.elapsed().as_nanos());
                }
                _ => unsafe { $run(n) },
            }
        }
    };
}
