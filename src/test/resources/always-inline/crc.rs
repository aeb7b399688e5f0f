#![no_std]
extern "C" {
    fn rust_helper_crc_wrapped(crc: u32, v: u32) -> u32;
    fn rust_helper_crc_forced(crc: u32, v: u32) -> u32;
    fn rust_helper_add(a: u32, b: u32) -> u32;
}

#[no_mangle]
pub extern "C" fn crc_both(v: u32) -> u32 {
    unsafe { rust_helper_add(rust_helper_crc_wrapped(!0, v), rust_helper_crc_forced(!0, v)) }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}
