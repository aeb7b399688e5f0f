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
     * Refuses helpers built for another target than the crate: another architecture, OS or environment
     * (the vendor may differ), or the same triple with another data layout. A module that names no
     * target is not judged.
     */
    public static void requireCompatible(HelperLibrary.Facts helpers, Path helperFile, TargetIdentity crate)
            throws GraftException {
        TargetIdentity built = helpers.target();
        if (built.triple().isEmpty() || crate.triple().isEmpty()) {
            return;
        }
        if (!sameTarget(built.triple(), crate.triple()) && !freestandingCrate(built.triple(), crate.triple())) {
            throw GraftException.badInput("the helpers " + helperFile.getFileName() + " are built for "
                    + built.triple() + " but the crate for " + crate.triple() + ": rebuild them with 'graft helpers ... -- "
                    + "--target=" + crate.triple() + "'");
        }
        if (!built.dataLayout().isEmpty() && !crate.dataLayout().isEmpty()
                && !built.dataLayout().equals(crate.dataLayout())) {
            throw GraftException.badInput("the helpers " + helperFile.getFileName() + " have data layout \""
                    + built.dataLayout() + "\" but the crate \"" + crate.dataLayout() + "\" (both for "
                    + crate.triple() + "): rebuild the helpers with the crate's target flags");
        }
    }

    /**
     * A crate for a freestanding target (OS {@code none}: rustc's {@code aarch64-unknown-none}, which arm64 kernels
     * build Rust for) takes helpers of its architecture built for any OS (clang's {@code aarch64-linux-gnu}, the
     * kernel's C), as the kernel's own helper inlining links them: a freestanding target has no OS ABI of its own
     * to differ, and the data layout, which does say how the two lay out data, is still compared.
     */
    static boolean freestandingCrate(String helpers, String crate) {
        List<String> crateParts = significant(crate);
        return crateParts.size() >= 2 && crateParts.get(1).equals("none")
                && crateParts.getFirst().equals(significant(helpers).getFirst());
    }

    /** Same architecture, OS and environment; the vendor and "unknown" parts do not count. */
    static boolean sameTarget(String a, String b) {
        return significant(a).equals(significant(b));
    }

    private static List<String> significant(String triple) {
        String[] parts = triple.split("-");
        List<String> result = new ArrayList<>(List.of(parts[0]));
        for (int i = 1; i < parts.length; i++) {
            if (!VENDORS.contains(parts[i])) {
                result.add(parts[i]);
            }
        }
        return result;
    }
}
