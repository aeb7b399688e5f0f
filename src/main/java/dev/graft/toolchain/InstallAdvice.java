package dev.graft.toolchain;

/** What to tell a user to install, in Debian's package names: the one place that spells them. */
public final class InstallAdvice {

    private InstallAdvice() {
    }

    public static String llvmPackages(int major) {
        return "clang-" + major + " llvm-" + major + " lld-" + major;
    }

    public static String installLlvm(int major) {
        return "install LLVM " + major + " with: apt-get install -y " + llvmPackages(major)
                + " (or pass --llvm-dir / set GRAFT_LLVM_DIR to an LLVM " + major + " installation)";
    }
}
