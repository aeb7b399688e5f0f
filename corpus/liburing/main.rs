//! The liburing corpus program: `run N` prints the helpers' results, `bench N` times the hot loop.
//! Its crate's object (`crate/lib.rs`, built plain or through graft) is linked in with -Clink-arg.

include!("../driver.rs");
corpus_main!(uring_corpus_run, uring_corpus_bench);
