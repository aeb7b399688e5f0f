package dev.graft.link.inprocess;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A function's {@code "target-cpu"} and {@code "target-features"} as x86's subtarget reads them: the
 * features a feature string turns on or off (the last mention wins), the ones a CPU implies, and the
 * ones switched off with a feature they need ({@code -sse} switches off {@code sse2}, ...).
 *
 * <p>The LLVM C API has no way to read a subtarget's feature bits for a CPU, so this knows the x86-64
 * baseline and the psABI levels {@code x86-64-v2..v4}, for explanations and advice; for any other CPU a
 * feature it does not name is {@linkplain Optional#empty() unknown}. No decision depends on knowing more:
 * a helper whose code depends on no target feature is compiled as its caller (its CPU and features
 * replaced), and {@code --caller-features-from-helpers} gives a baseline caller the helper's CPU itself,
 * so what any CPU implies, tuning features included, is LLVM's own business.
 */
final class TargetFeatures {

    /**
     * What graft may conclude about a feature the helper has and its caller lacks: each class is one rule of
     * {@link AttributeRule#TABLE}, and lists the features it covers (a name ending in {@code *} is a family).
     */
    public enum FeatureClass {
        /** Retpolines and friends: they change only indirect calls and jumps. */
        INDIRECT_BRANCH_MITIGATION("retpoline*", "lvi-cfi", "harden-sls-ijmp"),
        /** x87, MMX, SSE, AVX, ... and soft-float: they change only floating-point and vector code. */
        FLOATING_POINT_AND_VECTOR("sse*", "avx*", "amx*", "x87", "mmx", "ssse3", "fma", "fma4", "f16c", "xop",
                "soft-float", "aes", "pclmul", "sha", "sha512", "sm3", "sm4", "vaes", "vpclmulqdq", "gfni", "kl",
                "widekl", "evex512", "3dnow", "3dnowa",
                // AArch64: the FP and SIMD registers and what runs on them (the kernel's Rust has -neon,-fp-armv8)
                "fp-armv8", "neon", "fullfp16", "fp16fml", "bf16", "i8mm", "dotprod", "f32mm", "f64mm", "complxnum",
                "rdm", "jsconv", "sha2", "sha3", "sve", "sve2", "sve2-aes", "sve2-bitperm", "sve2-sha3", "sve2-sm4",
                "sve2p1", "sme", "sme2", "sme-fa64"),
        /** Anything else: graft does not know what code it changes. */
        OTHER;

        private final List<String> features;

        FeatureClass(String... features) {
            this.features = List.of(features);
        }

        /** Whether this class names {@code feature} (OTHER names none: it is what is left). */
        public boolean names(String feature) {
            return features.stream().anyMatch(f -> f.endsWith("*")
                    ? feature.startsWith(f.substring(0, f.length() - 1)) : f.equals(feature));
        }

        public static FeatureClass of(String feature) {
            for (FeatureClass c : values()) {
                if (c.names(feature)) {
                    return c;
                }
            }
            return OTHER;
        }
    }

    /** Every x86-64 CPU has these (the 64-bit psABI's baseline; LLVM adds +sse2 in 64-bit mode). */
    private static final Set<String> BASELINE = Set.of("x87", "mmx", "sse", "sse2", "cmov", "cx8", "fxsr", "64bit");
    private static final Map<String, Set<String>> LEVELS = Map.of(
            "x86-64", BASELINE,
            "x86-64-v2", union(BASELINE, "cx16", "sahf", "popcnt", "sse3", "ssse3", "sse4.1", "sse4.2", "crc32"),
            "x86-64-v3", union(BASELINE, "cx16", "sahf", "popcnt", "sse3", "ssse3", "sse4.1", "sse4.2", "crc32",
                    "avx", "avx2", "bmi", "bmi2", "f16c", "fma", "lzcnt", "movbe", "xsave"),
            "x86-64-v4", union(BASELINE, "cx16", "sahf", "popcnt", "sse3", "ssse3", "sse4.1", "sse4.2", "crc32",
                    "avx", "avx2", "bmi", "bmi2", "f16c", "fma", "lzcnt", "movbe", "xsave", "avx512f", "avx512bw",
                    "avx512cd", "avx512dq", "avx512vl", "evex512"));

    /** The feature each one needs (switching that one off switches this one off). */
    private static final Map<String, String> NEEDS = Map.ofEntries(
            Map.entry("sse2", "sse"), Map.entry("sse3", "sse2"), Map.entry("ssse3", "sse3"),
            Map.entry("sse4.1", "ssse3"), Map.entry("sse4.2", "sse4.1"), Map.entry("avx", "sse4.2"),
            Map.entry("avx2", "avx"), Map.entry("fma", "avx"), Map.entry("f16c", "avx"), Map.entry("avx512f", "avx2"),
            Map.entry("aes", "sse2"), Map.entry("pclmul", "sse2"), Map.entry("sha", "sse2"), Map.entry("gfni", "sse2"),
            Map.entry("sse4a", "sse3"), Map.entry("fma4", "avx"), Map.entry("xop", "fma4"), Map.entry("vaes", "avx"),
            Map.entry("vpclmulqdq", "avx"));

    private final String cpu;
    private final Map<String, Boolean> explicit;
    /** Features switched on because an explicitly enabled one needs them. */
    private final Set<String> needed = new TreeSet<>();

    private TargetFeatures(String cpu, Map<String, Boolean> explicit) {
        this.cpu = cpu;
        this.explicit = Collections.unmodifiableMap(new LinkedHashMap<>(explicit));
        explicit.forEach((feature, on) -> {
            for (String f = NEEDS.get(feature); on && f != null; f = NEEDS.get(f)) {
                needed.add(f);
            }
        });
    }

    public String cpu() {
        return cpu;
    }

    /** Reads the two string attributes of a function (absent ones are empty). */
    public static TargetFeatures of(Map<String, String> stringAttributes) {
        return parse(stringAttributes.getOrDefault("target-cpu", ""),
                stringAttributes.getOrDefault("target-features", ""));
    }

    public static TargetFeatures parse(String cpu, String features) {
        Map<String, Boolean> explicit = new LinkedHashMap<>();
        for (String f : features.split(",")) {
            String word = f.strip();
            if (word.length() > 1 && (word.charAt(0) == '+' || word.charAt(0) == '-')) {
                explicit.remove(word.substring(1)); // the last mention wins, and keeps its place last
                explicit.put(word.substring(1), word.charAt(0) == '+');
            }
        }
        return new TargetFeatures(cpu, explicit);
    }

    /** Whether the function has {@code feature}; empty when graft cannot tell (an unknown CPU). */
    public Optional<Boolean> enabled(String feature) {
        for (String f = feature; f != null; f = NEEDS.get(f)) {
            if (Boolean.FALSE.equals(explicit.get(f))) {
                return Optional.of(false);
            }
        }
        if (Boolean.TRUE.equals(explicit.get(feature)) || needed.contains(feature)) {
            return Optional.of(true);
        }
        if (BASELINE.contains(feature)) {
            return Optional.of(true);
        }
        Set<String> level = LEVELS.get(cpu.isEmpty() ? "x86-64" : cpu);
        return level == null ? Optional.empty() : Optional.of(level.contains(feature));
    }

    /** Features this function certainly has and {@code caller} certainly lacks: what stops LLVM inlining it there. */
    public Set<String> missingIn(TargetFeatures caller) {
        Set<String> candidates = new TreeSet<>(explicit.keySet());
        candidates.addAll(caller.explicit.keySet());
        candidates.addAll(LEVELS.getOrDefault(cpu, BASELINE));
        Set<String> missing = new TreeSet<>();
        for (String f : candidates) {
            if (enabled(f).orElse(false) && !caller.enabled(f).orElse(true)) {
                missing.add(f);
            }
        }
        return missing;
    }

    /** This feature set with each of {@code features} switched off explicitly. */
    public TargetFeatures without(Set<String> features) {
        return switched(features, false);
    }

    /** This feature set with each of {@code features} switched on explicitly. */
    public TargetFeatures with(Set<String> features) {
        return switched(features, true);
    }

    private TargetFeatures switched(Set<String> features, boolean on) {
        Map<String, Boolean> changed = new LinkedHashMap<>(explicit);
        for (String f : new TreeSet<>(features)) {
            changed.remove(f);
            changed.put(f, on);
        }
        return new TargetFeatures(cpu, changed);
    }

    /** The {@code "target-features"} string LLVM reads. */
    public String featureString() {
        List<String> words = new ArrayList<>();
        explicit.forEach((f, on) -> words.add((on ? "+" : "-") + f));
        return String.join(",", words);
    }

    private static Set<String> union(Set<String> base, String... more) {
        Set<String> all = new TreeSet<>(base);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }
}
