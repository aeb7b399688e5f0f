package dev.graft.link.inprocess;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What makes a Rust crate's target match its helpers': the rustc flags a report suggests when a helper
 * needs features its caller lacks, and how {@code --caller-features-from-helpers} describes its change.
 */
final class CallerTarget {

    private CallerTarget() {
    }

    /**
     * The fix for a caller that lacks {@code needed}: the helper's CPU when it names one (DPDK's helpers are
     * built for {@code -march=corei7}, whose feature list clang writes out in full), plus any needed feature
     * that CPU is not known to imply; else the features themselves.
     */
    static String fix(TargetFeatures helper, TargetFeatures caller, Set<String> needed) {
        String cpu = helper.cpu();
        boolean ownCpu = !cpu.equals(caller.cpu()) && !baseline(cpu);
        Set<String> beyondCpu = new TreeSet<>();
        for (String f : needed) {
            if (!ownCpu || TargetFeatures.parse(cpu, "").enabled(f).orElse(true) == Boolean.FALSE) {
                beyondCpu.add(f);
            }
        }
        String flags = (ownCpu ? "-Ctarget-cpu=" + cpu : "")
                + (ownCpu && !beyondCpu.isEmpty() ? " " : "")
                + (beyondCpu.isEmpty() ? "" : "-Ctarget-feature=" + beyondCpu.stream().map(f -> "+" + f).collect(Collectors.joining(",")));
        return "to match the helper, build the crate with " + flags + ", or pass --caller-features-from-helpers "
                + "if the program requires that target anyway";
    }

    /** The CPU a crate gets when it names none: rustc's default for the architecture, which implies nothing more. */
    static boolean baseline(String cpu) {
        return cpu.isEmpty() || cpu.equals("x86-64") || cpu.equals("generic");
    }

    static String plus(Set<String> features) {
        return features.stream().map(f -> "+" + f).collect(Collectors.joining(", "));
    }

    static String describe(TargetFeatures helper) {
        return helper.cpu().isEmpty() ? "its target features" : "CPU " + helper.cpu() + " and its features";
    }
}
