package dev.graft.bench;

import dev.graft.toolchain.Toolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every measurement of one benchmark run, rendered as RESULTS.md and two PNG charts. */
record Results(Toolchain toolchain, int reps, long iterations, int buildReps, Map<String, Integer> callsLeft,
               Map<String, Map<String, Stats>> runtime, Map<String, BuildBenchmark.BuildTimes> build,
               List<ScalingBenchmark.Point> scaling, Map<String, Stats> startup, String command) {

    String markdown() throws IOException {
        StringBuilder md = new StringBuilder("# graft benchmarks\n\n");
        md.append("Machine: ").append(machine()).append("; ").append(LocalDate.now()).append(".  \n");
        md.append("Toolchain: rustc ").append(toolchain.rustc().release()).append(" (LLVM ")
                .append(toolchain.rustc().llvmVersion()).append("), clang/LLVM ").append(toolchain.llvm().version())
                .append(".  \nCommand: `").append(command).append("` (").append(reps).append(" interleaved runs of ")
                .append(iterations).append(" iterations per workload and variant; ").append(buildReps)
                .append(" interleaved builds).\n\n");
        targets(md);
        runtimeTable(md);
        buildTable(md);
        scalingTable(md);
        md.append("## graft's start-up\n\n`graft --version` through the launcher, median of ")
                .append(startup.get("without").count()).append(" interleaved runs: **")
                .append(ms(startup.get("with AOT cache").median())).append(" ms** with the JDK's AOT class cache, ")
                .append(ms(startup.get("without").median())).append(" ms without.\n");
        return md.toString();
    }

    /** The targets, each with the measured value and whether it was met. */
    private void targets(StringBuilder md) {
        List<Double> graftRatios = new ArrayList<>();
        runtime.values().forEach(byVariant -> graftRatios.add(byVariant.get("graft").median()
                / byVariant.get("c").median()));
        double geomean = Stats.geometricMean(graftRatios);
        double buildRatio = build.get("graft").total().median() / build.get("plain").total().median();
        double fatOverGraft = build.get("lto-fat").total().median() / build.get("graft").total().median();
        md.append("## Targets\n\n| target | measured | |\n|---|---|---|\n");
        md.append(String.format("| run time: graft/c geometric mean <= 1.02 | %.3f | %s |%n", geomean,
                geomean <= 1.02 ? "met" : "missed"));
        double toolsRatio = build.get("graft-tools").total().median() / build.get("plain").total().median();
        double fatOverTools = build.get("lto-fat").total().median() / build.get("graft-tools").total().median();
        md.append(String.format("| build: graft <= 1.15 x plain | inprocess %.2f x, tools %.2f x | %s |%n",
                buildRatio, toolsRatio, Math.min(buildRatio, toolsRatio) <= 1.15 ? "met" : "missed"));
        md.append(String.format("| build: graft >= 3 x faster than fat LTO | inprocess %.2f x, tools %.2f x | %s |%n%n",
                fatOverGraft, fatOverTools, Math.max(fatOverGraft, fatOverTools) >= 3 ? "met" : "missed"));
    }

    private void runtimeTable(StringBuilder md) {
        List<String> variants = List.copyOf(runtime.values().iterator().next().keySet());
        md.append("## Run time (ns/op, median; min-max)\n\n| workload |");
        variants.forEach(v -> md.append(' ').append(v).append(" |"));
        variants.stream().filter(v -> !v.equals("c")).forEach(v -> md.append(' ').append(v).append("/c |"));
        md.append("\n|---|").append("---|".repeat(variants.size() * 2 - 1)).append('\n');
        Map<String, List<Double>> ratios = new LinkedHashMap<>();
        runtime.forEach((workload, byVariant) -> {
            md.append("| ").append(workload).append(" |");
            byVariant.forEach((v, s) -> md.append(String.format(" %.2f (%.2f-%.2f) |", s.median(), s.min(), s.max())));
            double c = byVariant.get("c").median();
            byVariant.forEach((v, s) -> {
                if (!v.equals("c")) {
                    double ratio = s.median() / c;
                    ratios.computeIfAbsent(v, k -> new ArrayList<>()).add(ratio);
                    md.append(String.format(" %.2f |", ratio));
                }
            });
            md.append('\n');
        });
        md.append("| **geometric mean of /c** |").append(" |".repeat(variants.size()));
        ratios.forEach((v, r) -> md.append(String.format(" **%.3f** |", Stats.geometricMean(r))));
        md.append("\n\nCall instructions left in the workload functions of each program (llvm-objdump; 0 = every helper use inlined): ");
        callsLeft.forEach((v, n) -> md.append(v).append(' ').append(n).append(", "));
        md.setLength(md.length() - 2);
        md.append(".\n\n![run time](runtime.png)\n\n");
    }

    private void buildTable(StringBuilder md) {
        md.append("## Build time (ms, median; whole processes)\n\n")
                .append("| variant | crate step | link step | total | total / plain |\n|---|---|---|---|---|\n");
        double plain = build.get("plain").total().median();
        build.forEach((v, t) -> md.append(String.format("| %s | %s | %s | %s | %.2f |%n", v, ms(t.crate().median()),
                ms(t.link().median()), ms(t.total().median()), t.total().median() / plain)));
        var fat = build.get("lto-fat");
        var graft = build.get("graft");
        md.append(String.format("%nlto-fat total / graft total: %.2f. graft crate step / plain crate step: %.2f.%n%n",
                fat.total().median() / graft.total().median(),
                graft.crate().median() / build.get("plain").crate().median()));
        md.append("![build time](build-time.png)\n\n");
    }

    private void scalingTable(StringBuilder md) {
        md.append("## How graft's time grows (ms, median)\n\n")
                .append("| call sites | helpers available | inlined | link + optimize + codegen | whole graft rustc |\n")
                .append("|---|---|---|---|---|\n");
        for (ScalingBenchmark.Point p : scaling) {
            md.append(String.format("| %d | %d | %d | %s | %s |%n", p.callSites(), p.helpersAvailable(), p.inlined(),
                    ms(p.linkAndCodegen().median()), ms(p.graftRustc().median())));
        }
        md.append('\n');
    }

    void charts(Path dir) throws IOException {
        Map<String, Map<String, Double>> ns = new LinkedHashMap<>();
        runtime.forEach((w, byVariant) -> {
            Map<String, Double> row = new LinkedHashMap<>();
            byVariant.forEach((v, s) -> row.put(v, s.median()));
            ns.put(w, row);
        });
        BarChart.write(dir.resolve("runtime.png"), "Run time per helper-heavy operation (lower is better)", "ns/op", ns);
        Map<String, Map<String, Double>> ms = new LinkedHashMap<>();
        build.forEach((v, t) -> {
            Map<String, Double> row = new LinkedHashMap<>();
            row.put("crate step", t.crate().median());
            row.put("link step", t.link().median());
            ms.put(v, row);
        });
        BarChart.write(dir.resolve("build-time.png"), "Build time per variant (lower is better)", "ms", ms);
    }

    private static String ms(double value) {
        return String.format("%.0f", value);
    }

    private static String machine() throws IOException {
        String model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        return Runtime.getRuntime().availableProcessors() + " x " + model;
    }
}
