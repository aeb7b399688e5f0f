package dev.graft.demo;

import java.util.List;

/**
 * The Rust flags of a Linux 6.12 x86_64 build with LLVM=-22, on the installed x86_64-unknown-linux-gnu
 * target (no kernel target's core is installed; the -Z flags need RUSTC_BOOTSTRAP=1). Their C
 * counterpart is examples/kernel-helpers/kernel-cflags. LinuxRustFlagsTest holds them to the flags the
 * corpus reads from a configured tree (corpus/linux-6.12).
 */
public final class KernelFlags {

    public static final List<String> RUST = List.of("-Cpanic=abort", "-Cembed-bitcode=n", "-Clto=n",
            "-Cforce-unwind-tables=n", "-Ccodegen-units=1", "-Csymbol-mangling-version=v0", "-Crelocation-model=static",
            "-Zfunction-sections=n", "-Copt-level=2",
            "-Ctarget-feature=-mmx,+soft-float,+retpoline-external-thunk,+retpoline-indirect-branches,"
                    + "+retpoline-indirect-calls",
            "-Ctarget-feature=-sse,-sse2,-sse3,-ssse3,-sse4.1,-sse4.2,-avx,-avx2", "-Zcf-protection=branch",
            "-Cjump-tables=n", "-Ztune-cpu=generic", "-Cno-redzone=y", "-Ccode-model=kernel",
            "-Zfunction-return=thunk-extern", "-Zpatchable-function-entry=16,16");

    private KernelFlags() {
    }
}
