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
     * Call instructions left inside the workload functions ({@code wl_*}) of a linked program: the
     * workloads call nothing but helpers, so 0 means every helper use was inlined. Counting every form
     * of call matters: rustc calls through a register loaded from the GOT, not only {@code call sym}.
     */
    static int callsInWorkloads(BenchSetup setup, Variant v) throws GraftException {
        String disassembly = setup.run(setup.toolchain().llvm().llvmObjdump(),
                List.of("-d", "--no-show-raw-insn", v.binary().toString())).stdout();
        int calls = 0;
        boolean inWorkload = false;
        for (String line : disassembly.split("\n")) {
            if (line.endsWith(">:")) {
                inWorkload = line.contains("<wl_") && !line.contains("<wl_make_err_ptrs>");
            } else if (inWorkload && line.matches(".*\\scall[lq]?\\s.*")) {
                calls++;
            }
        }
        return calls;
    }
}
