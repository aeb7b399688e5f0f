// A crate with inline assembly of its own (asm!, global_asm!, a naked function) calling helpers
// that have inline assembly: code generation needs the target's assembly parser for both.
#![crate_type = "lib"]

unsafe extern "C" {
    fn rust_helper_rdtsc() -> u64;
    fn rust_helper_cpu_relax();
    fn rust_helper_atomic_add_return(i: i32, v: *mut i32) -> i32;
}

core::arch::global_asm!(".globl graft_asm_marker", "graft_asm_marker:", "ret");

#[unsafe(no_mangle)]
pub extern "C" fn spin_then_stamp() -> u64 {
    unsafe {
        rust_helper_cpu_relax();
        core::arch::asm!("mfence", options(nostack));
        rust_helper_rdtsc()
    }
}

#[unsafe(no_mangle)]
pub extern "C" fn add_twice(v: *mut i32) -> i32 {
    unsafe { rust_helper_atomic_add_return(1, v) + rust_helper_atomic_add_return(2, v) }
}

#[unsafe(naked)]
#[unsafe(no_mangle)]
pub extern "C" fn naked_forty_two() -> u32 {
    core::arch::naked_asm!("mov eax, 42", "ret")
}
