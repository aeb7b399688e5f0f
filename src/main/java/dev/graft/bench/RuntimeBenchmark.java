package dev.graft.bench;

import dev.graft.GraftException;
import dev.graft.process.CommandResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every workload of every variant, interleaved: for each repetition, for each workload, each
 * variant once. A variant whose checksum differs from the others fails the benchmark: a faster wrong
 * answer is not a result.
 */
final class RuntimeBenchmark {

    static final List<String> WORKLOADS = List.of("refcount_inc", "refcount_dec_and_test", "is_err", "list_churn",
            "bitops", "spinlock", "mixed");

    private RuntimeBenchmark() {
    }

    /** ns/op statistics by workload, then by variant (both in run order). */
    static Map<String, Map<String, Stats>> run(BenchSetup setup, List<Variant> variants, int repetitions,
                                               long iterations) throws GraftException {
        Map<String, Map<String, List<Double>>> samples = new LinkedHashMap<>();
        Map<String, String> checksums = new HashMap<>();
        for (int rep = 0; rep < repetitions; rep++) {
            for (String workload : WORKLOADS) {
                for (Variant v : variants) {
                    CommandResult r = setup.run(v.binary(), List.of(workload, Long.toString(iterations)));
                    String[] fields = r.stdout().strip().split("\\s+");
                    String expected = checksums.putIfAbsent(workload, fields[1]);
                    if (expected != null && !expected.equals(fields[1])) {
                        throw GraftException.toolFailed("variant " + v.name() + " computed checksum " + fields[1]
                                + " for " + workload + ", the others " + expected, "");
                    }
                    samples.computeIfAbsent(workload, w -> new LinkedHashMap<>())
                            .computeIfAbsent(v.name(), n -> new ArrayList<>()).add(Double.parseDouble(fields[0]));
                }
            }
        }
        Map<String, Map<String, Stats>> stats = new LinkedHashMap<>();
        samples.forEach((workload, byVariant) -> {
            Map<String, Stats> s = new LinkedHashMap<>();
            byVariant.forEach((variant, values) -> s.put(variant, Stats.of(values)));
            stats.put(workload, s);
        });
        return stats;
    }

    /**
     * Out-of-line helper functions left in a linked program: 0 when every use was inlined. (Counting
     * call instructions would miss rustc's calls through a register loaded from the GOT.)
     */
    static int helperFunctionsIn(BenchSetup setup, Variant v) throws GraftException {
        String symbols = setup.run(setup.toolchain().llvm().llvmNm(), List.of("--defined-only", "-P",
                v.binary().toString())).stdout();
        return (int) symbols.lines().filter(l -> l.startsWith("rust_helper_")).count();
    }
}
