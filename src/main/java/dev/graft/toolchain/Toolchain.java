package dev.graft.toolchain;

/** rustc plus an LLVM of the same major version: everything the tools backend runs. */
public record Toolchain(Rustc rustc, LlvmTools llvm) {

    /** A short identity for cache keys and reports: changes whenever any tool's version does. */
    public String fingerprint() {
        return "rustc " + rustc.release() + " (LLVM " + rustc.llvmVersion() + "); LLVM " + llvm.version()
                + " at " + llvm.binDirectory() + llvm.libLlvm().map(l -> "; libLLVM " + l).orElse("");
    }
}
