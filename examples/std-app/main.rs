//! An ordinary std binary; the object of `app.rs` (built by graft) is linked in with -Clink-arg.
use std::ffi::c_int;

extern "C" {
    fn app_main(n: u64) -> c_int;
}

fn main() {
    let n = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    std::process::exit(unsafe { app_main(n) });
}
