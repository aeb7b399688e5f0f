// One unreachable path after a call that returns, where rustc's object traps (ud2 on x86-64), and one
// after a call that never returns, where it does not. trap_report and trap_abort are defined nowhere:
// they stay opaque calls in rustc's object and in graft's alike.
#![crate_type = "lib"]

unsafe extern "C" {
    fn trap_double(x: u32) -> u32;
    fn trap_report(x: u32);
    fn trap_abort() -> !;
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn unreachable_after_call(x: u32) -> u32 {
    let y = unsafe { trap_double(x) };
    if y > 100 {
        unsafe {
            trap_report(y);
            core::hint::unreachable_unchecked()
        }
    }
    y
}

#[unsafe(no_mangle)]
pub unsafe extern "C" fn unreachable_after_noreturn(x: u32) -> u32 {
    let y = unsafe { trap_double(x) };
    if y > 100 {
        unsafe { trap_abort() }
    }
    y
}
