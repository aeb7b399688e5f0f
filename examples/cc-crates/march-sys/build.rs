//! C built for a newer CPU than Rust's default target: -march=x86-64-v3 (AVX2, BMI2, POPCNT, ...).
fn main() {
    println!("cargo:rerun-if-changed=csrc");
    cc::Build::new().file("csrc/bits.c").flag("-march=x86-64-v3").compile("bits");
}
