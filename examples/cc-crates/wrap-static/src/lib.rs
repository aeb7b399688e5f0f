//! As bindgen writes it with `--wrap-static-fns`.
extern "C" {
    #[link_name = "clamp_add__extern"]
    pub fn clamp_add(a: u32, b: u32, limit: u32) -> u32;
    #[link_name = "rotmix__extern"]
    pub fn rotmix(x: u64, r: u32) -> u64;
}
