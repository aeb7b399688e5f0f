extern "C" {
    pub fn bits_weight(x: u64) -> u32;
    pub fn bits_low(x: u64, n: u32) -> u64;
}
