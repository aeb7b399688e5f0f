package dev.graft.bench;

import dev.graft.GraftException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * graft's own start-up, the part of its build time a Kbuild-style build pays once per crate:
 * {@code graft --version} through the launcher with and without the JDK's AOT class cache
 * (GRAFT_NO_AOT=1), interleaved.
 */
final class StartupBenchmark {

    private StartupBenchmark() {
    }

    /** Medians in milliseconds: "with AOT cache" and "without". */
    static Map<String, Stats> run(BenchSetup setup, int repetitions) throws GraftException {
        List<Double> with = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        Variant.Step version = new Variant.Step(setup.graft(), List.of("--version"));
        Variant.Step versionNoAot = new Variant.Step(Path.of("/usr/bin/env"),
                List.of("GRAFT_NO_AOT=1", setup.graft().toString(), "--version"));
        BuildBenchmark.time(setup, version);
        for (int rep = 0; rep < repetitions; rep++) {
            with.add(BuildBenchmark.time(setup, version));
            without.add(BuildBenchmark.time(setup, versionNoAot));
        }
        return Map.of("with AOT cache", Stats.of(with), "without", Stats.of(without));
    }
}
