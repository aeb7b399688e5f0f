#![no_std]

extern "C" {
    fn rust_helper_mix(a: u32, b: u32) -> u32;
    fn rust_helper_bits(a: u32, b: u32) -> u32;
    fn rust_helper_crc(crc: u32, v: u32) -> u32;
}

#[no_mangle]
pub extern "C" fn mix_all(n: u32) -> u32 {
    let mut h = 0;
    for i in 0..n {
        h = unsafe { rust_helper_mix(h, i) };
    }
    h
}

#[no_mangle]
pub extern "C" fn bits_all(n: u32) -> u32 {
    let mut h = 0;
    for i in 0..n {
        h = unsafe { rust_helper_bits(h, i) };
    }
    h
}

#[no_mangle]
pub extern "C" fn crc_all(n: u32) -> u32 {
    let mut c = !0;
    for i in 0..n {
        c = unsafe { rust_helper_crc(c, i) };
    }
    !c
}
