package dev.graft.bench;

import dev.graft.GraftException;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.Toolchain;
import dev.graft.toolchain.ToolchainLocator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench/run [--quick] [--reps N]}: builds every variant, runs the runtime, build-time, scaling and
 * start-up benchmarks, prints the tables, and writes bench/RESULTS.md with two charts.
 */
public final class BenchMain {

    private BenchMain() {
    }

    private static int option(String[] args, String name, int fallback) {
        List<String> list = List.of(args);
        int at = list.indexOf(name);
        return at >= 0 && at + 1 < list.size() ? Integer.parseInt(list.get(at + 1)) : fallback;
    }

    public static void main(String... args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        Path project = Path.of(System.getenv().getOrDefault("GRAFT_HOME", ".")).toAbsolutePath();
        Path out = project.resolve("bench");
        int reps = quick ? 2 : option(args, "--reps", 7);
        long iterations = quick ? 200_000 : 10_000_000;
        int buildReps = quick ? 2 : 5;
        try {
            Toolchain toolchain = new ToolchainLocator(ProcessRunner.quiet(), System.getenv(), Optional.empty())
                    .locate();
            BenchSetup setup = BenchSetup.create(project, out.resolve("build"), toolchain, ProcessRunner.quiet());
            List<Variant> variants = Variants.all(setup);
            Map<String, Integer> callsLeft = new LinkedHashMap<>();
            for (Variant v : variants) {
                for (Variant.Step step : v.setup()) {
                    setup.run(step.program(), step.args());
                }
                if (v.crateStep() != null) {
                    setup.run(v.crateStep().program(), v.crateStep().args());
                }
                setup.run(v.linkStep().program(), v.linkStep().args());
                callsLeft.put(v.name(), RuntimeBenchmark.callsInWorkloads(setup, v));
            }
            System.out.println("helper calls left in the workload loops: " + callsLeft);
            var runtime = RuntimeBenchmark.run(setup, variants, reps, iterations);
            var build = BuildBenchmark.run(setup, variants, buildReps);
            var scaling = ScalingBenchmark.run(setup, quick ? 1 : 3);
            var startup = StartupBenchmark.run(setup, quick ? 3 : 10);
            Results results = new Results(toolchain, reps, iterations, buildReps, callsLeft, runtime, build, scaling,
                    startup, ("bench/run " + String.join(" ", args)).strip());
            String markdown = results.markdown();
            System.out.print(markdown);
            if (!quick) {
                Files.writeString(out.resolve("RESULTS.md"), markdown + sectionsOfOtherBenchmarks(out.resolve(
                        "RESULTS.md")), StandardCharsets.UTF_8);
                results.charts(out);
                System.out.println("wrote " + out.resolve("RESULTS.md") + ", runtime.png, build-time.png");
            }
        } catch (GraftException e) {
            e.toolOutput().ifPresent(System.err::print);
            System.err.println("bench: " + e.getMessage());
            System.exit(e.status());
        } catch (IOException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * The sections bench/server --write and bench/lto/run keep in RESULTS.md between their
     * {@code <!-- bench/NAME -->} markers: measured by other scripts (bench/lto/run takes ten minutes), so
     * rewriting the file keeps them as they are.
     */
    private static String sectionsOfOtherBenchmarks(Path results) throws IOException {
        if (!Files.isRegularFile(results)) {
            return "";
        }
        Matcher section = Pattern.compile(
                "(?s)\\n<!-- (bench/[\\w/-]+) -->\\n.*?\\n<!-- /\\1 -->\\n").matcher(Files.readString(results));
        StringBuilder kept = new StringBuilder();
        while (section.find()) {
            kept.append(section.group());
        }
        return kept.toString();
    }
}
