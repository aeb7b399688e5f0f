package dev.graft.helpers;

import dev.graft.GraftException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The target a module was compiled for: its triple and data layout, as the module records them. Helpers
 * and crate must agree on both before they are linked: LLVM links modules of different targets with a
 * warning, and what it then generates is wrong code for one of them.
 *
 * @param triple     {@code target triple}; empty when the module names none
 * @param dataLayout {@code target datalayout}; empty when the module names none
 */
public record TargetIdentity(String triple, String dataLayout) {

    private static final Pattern TRIPLE = Pattern.compile("(?m)^target triple = \"([^\"]*)\"$");
    private static final Pattern DATA_LAYOUT = Pattern.compile("(?m)^target datalayout = \"([^\"]*)\"$");

    /** Vendor names LLVM knows; the vendor does not change code generation (clang says pc, rustc unknown). */
    private static final Set<String> VENDORS = Set.of("unknown", "pc", "apple", "scei", "sie", "fsl", "ibm", "img",
            "mti", "nvidia", "csr", "amd", "mesa", "suse", "oe", "intel");

    /** Reads both from textual IR (the module header, as llvm-dis or LLVM's printer writes it). */
    public static TargetIdentity ofIr(String ir) {
        return new TargetIdentity(first(TRIPLE, ir), first(DATA_LAYOUT, ir));
    }

    private static String first(Pattern pattern, String ir) {
        Matcher m = pattern.matcher(ir);
        return m.find() ? m.group(1) : "";
    }

    /**
     * Operating systems whose C calling convention, on x86_64 and aarch64, is the ELF System V one (the
     * x86-64 psABI, AAPCS64): code for one calls code for another correctly, as the Linux kernel's C for
     * {@code aarch64-linux-gnu} calls its Rust for {@code aarch64-unknown-none}. Windows, Apple and UEFI
     * targets have their own conventions (and data layouts).
     */
    private static final Set<String> SYSTEM_V_OSES = Set.of("linux", "none", "freebsd", "netbsd", "openbsd",
            "dragonfly", "fuchsia", "hermit", "android", "");
    /** Environments that name no ABI variant (unlike gnux32, gnueabihf, gnuabi64, ...). */
    private static final Set<String> PLAIN_ENVIRONMENTS = Set.of("gnu", "musl", "elf", "android", "ohos", "");
    private static final Set<String> SYSTEM_V_ARCHES = Set.of("x86_64", "aarch64");

    /** A triple's parts that can change generated code: the vendor is left out (clang says pc, rustc unknown). */
    record Parts(String arch, String os, String environment) {

        static Parts of(String triple) {
            String[] words = triple.split("-");
            List<String> rest = new ArrayList<>();
            for (int i = 1; i < words.length; i++) {
                if (!VENDORS.contains(words[i])) {
                    rest.add(words[i]);
                }
            }
            return new Parts(words[0], rest.isEmpty() ? "" : rest.getFirst(), rest.size() < 2 ? ""
                    : String.join("-", rest.subList(1, rest.size())));
        }

        String system() {
            return (os.isEmpty() ? "no OS" : os) + (environment.isEmpty() ? "" : "-" + environment);
        }
    }

    /**
     * Refuses helpers built for a target whose code the crate's cannot call as its own: another architecture,
     * another data layout, or an OS or environment with another calling convention. Triples that differ only
     * in OS or environment between ELF System V targets of x86_64 or aarch64 are one target for code
     * generation (the kernel's C for {@code aarch64-linux-gnu} and Rust for
     * {@code aarch64-unknown-none-softfloat}); {@code llvm-link} links them too. A module that names no
     * target is not judged. Advice keeps the helpers' OS and environment, so the C flags they were built
     * with still apply.
     */
    public static void requireCompatible(HelperLibrary.Facts helpers, Path helperFile, TargetIdentity crate)
            throws GraftException {
        TargetIdentity built = helpers.target();
        if (built.triple().isEmpty() || crate.triple().isEmpty()) {
            return;
        }
        Parts h = Parts.of(built.triple());
        Parts c = Parts.of(crate.triple());
        String both = "the helpers " + helperFile.getFileName() + " are built for " + built.triple()
                + " but the crate for " + crate.triple();
        if (!h.arch().equals(c.arch())) {
            String advice = c.arch() + "-unknown-" + (h.os().isEmpty() ? "none" : h.os())
                    + (h.environment().isEmpty() ? "" : "-" + h.environment());
            throw GraftException.badInput(both + ": the architectures differ (" + h.arch() + ", " + c.arch()
                    + "); rebuild them with 'graft helpers ... -- --target=" + advice + "'");
        }
        if (!sameCallingConvention(h, c)) {
            throw GraftException.badInput(both + ": " + h.system() + " and " + c.system() + " may call C "
                    + "differently (graft accepts another OS or environment only between ELF System V targets of "
                    + String.join(" and ", new java.util.TreeSet<>(SYSTEM_V_ARCHES)) + "); rebuild them with "
                    + "'graft helpers ... -- --target=" + crate.triple() + "'");
        }
        if (!built.dataLayout().isEmpty() && !crate.dataLayout().isEmpty()
                && !built.dataLayout().equals(crate.dataLayout())) {
            String target = built.triple().equals(crate.triple()) ? "both for " + crate.triple()
                    : "for " + built.triple() + " and " + crate.triple();
            throw GraftException.badInput("the helpers " + helperFile.getFileName() + " have data layout \""
                    + built.dataLayout() + "\" but the crate \"" + crate.dataLayout() + "\" (" + target
                    + "): rebuild the helpers with the crate's target flags");
        }
    }

    /** One architecture, and either the same OS and environment or two that call C the same way. */
    static boolean sameCallingConvention(Parts a, Parts b) {
        if (!a.arch().equals(b.arch())) {
            return false;
        }
        if (a.os().equals(b.os()) && a.environment().equals(b.environment())) {
            return true;
        }
        return SYSTEM_V_ARCHES.contains(a.arch()) && SYSTEM_V_OSES.contains(a.os()) && SYSTEM_V_OSES.contains(b.os())
                && PLAIN_ENVIRONMENTS.contains(a.environment()) && PLAIN_ENVIRONMENTS.contains(b.environment());
    }

    /** Same architecture, OS and environment; the vendor and "unknown" parts do not count. */
    static boolean sameTarget(String a, String b) {
        return Parts.of(a).equals(Parts.of(b));
    }

    /** Whether code for these two triples calls C the same way ({@link #requireCompatible}'s rule). */
    static boolean compatible(String a, String b) {
        return sameCallingConvention(Parts.of(a), Parts.of(b));
    }
}
