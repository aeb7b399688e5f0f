package dev.graft.bench;

import dev.graft.GraftException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Wall time of each variant's per-crate step and link step, as whole processes, interleaved over
 * repetitions. The helpers' own compilation is set-up (once per project, and cached by graft).
 */
final class BuildBenchmark {

    /** Times of one variant's build, in milliseconds. */
    record BuildTimes(Stats crate, Stats link, Stats total) {
    }

    private BuildBenchmark() {
    }

    static Map<String, BuildTimes> run(BenchSetup setup, List<Variant> variants, int repetitions)
            throws GraftException {
        Map<String, List<Double>> crate = new LinkedHashMap<>();
        Map<String, List<Double>> link = new LinkedHashMap<>();
        Map<String, List<Double>> total = new LinkedHashMap<>();
        for (int rep = 0; rep < repetitions; rep++) {
            for (Variant v : variants) {
                if (v.crateStep() == null) {
                    continue;
                }
                double c = time(setup, v.crateStep());
                double l = time(setup, v.linkStep());
                crate.computeIfAbsent(v.name(), n -> new ArrayList<>()).add(c);
                link.computeIfAbsent(v.name(), n -> new ArrayList<>()).add(l);
                total.computeIfAbsent(v.name(), n -> new ArrayList<>()).add(c + l);
            }
        }
        Map<String, BuildTimes> result = new LinkedHashMap<>();
        for (String name : crate.keySet()) {
            result.put(name, new BuildTimes(Stats.of(crate.get(name)), Stats.of(link.get(name)),
                    Stats.of(total.get(name))));
        }
        return result;
    }

    static double time(BenchSetup setup, Variant.Step step) throws GraftException {
        long start = System.nanoTime();
        setup.run(step.program(), step.args());
        return (System.nanoTime() - start) / 1e6;
    }
}
