package dev.graft.bench;

import dev.graft.GraftException;
import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How graft's link and code generation time grows with the crate: generated crates with 10, 100 and
 * 1000 helper call sites (10 helpers available), and with 10 call sites and 10, 100 and 1000 helpers
 * available, with the default (in-process) backend. Times come from graft's own report: link, reconcile,
 * optimize and codegen (the tools backend's optimize+codegen), without loading libLLVM.
 */
final class ScalingBenchmark {

    /** One generated configuration and its measured medians in milliseconds. */
    record Point(int callSites, int helpersAvailable, int inlined, Stats linkAndCodegen, Stats graftRustc) {
    }

    private ScalingBenchmark() {
    }

    static List<Point> run(BenchSetup setup, int repetitions) throws GraftException, IOException {
        List<Point> points = new ArrayList<>();
        for (int sites : new int[]{10, 100, 1000}) {
            points.add(measure(setup, sites, 10, repetitions));
        }
        for (int helpers : new int[]{100, 1000}) {
            points.add(measure(setup, 10, helpers, repetitions));
        }
        return points;
    }

    private static Point measure(BenchSetup setup, int sites, int helpers, int repetitions)
            throws GraftException, IOException {
        Path dir = Files.createDirectories(setup.build().resolve("scaling"));
        String tag = sites + "x" + helpers;
        Path source = dir.resolve("helpers_" + helpers + ".c");
        Files.writeString(source, helperSource(helpers));
        Path crate = dir.resolve("crate_" + tag + ".rs");
        Files.writeString(crate, crateSource(sites, helpers));
        String bitcode = "scaling/helpers_" + helpers + ".bc";
        setup.run(setup.graft(), List.of("helpers", "-o", bitcode, source.toString(), "--", "-O2"));
        List<Double> linkAndCodegen = new ArrayList<>();
        List<Double> whole = new ArrayList<>();
        int inlined = 0;
        for (int rep = 0; rep < repetitions; rep++) {
            String report = "scaling/report_" + tag + ".json";
            long start = System.nanoTime();
            setup.run(setup.graft(), List.of("rustc", "--helpers", bitcode, "--report", report, "--",
                    "--crate-type=lib", "--crate-name=scaling", "-Copt-level=2", "-Cpanic=abort",
                    "--emit=obj=scaling/crate_" + tag + ".o", crate.toString()));
            whole.add((System.nanoTime() - start) / 1e6);
            InliningReport r = ReportJson.read(Files.readString(setup.build().resolve(report)));
            linkAndCodegen.add((double) List.of("link", "reconcile", "optimize", "codegen", "optimize+codegen")
                    .stream().mapToLong(step -> r.timingsMs().getOrDefault(step, 0L)).sum());
            inlined = r.callSites().inlined();
        }
        return new Point(sites, helpers, inlined, Stats.of(linkAndCodegen), Stats.of(whole));
    }

    private static String helperSource(int helpers) {
        StringBuilder c = new StringBuilder();
        for (int k = 0; k < helpers; k++) {
            c.append("int rust_helper_gen_").append(k).append("(int x) { return x * ").append(k + 3)
                    .append(" + ").append(k).append("; }\n");
        }
        return c.toString();
    }

    private static String crateSource(int sites, int helpers) {
        StringBuilder rs = new StringBuilder("#![no_std]\nextern \"C\" {\n");
        for (int k = 0; k < Math.min(sites, helpers); k++) {
            rs.append("    fn rust_helper_gen_").append(k).append("(x: i32) -> i32;\n");
        }
        rs.append("}\n");
        for (int i = 0; i < sites; i++) {
            // A distinct constant per function: identical bodies would be merged, and the call sites with them.
            rs.append("#[no_mangle]\npub extern \"C\" fn site_").append(i).append("(x: i32) -> i32 { unsafe { ")
                    .append("rust_helper_gen_").append(i % Math.min(sites, helpers)).append("(x.wrapping_mul(")
                    .append(i + 2).append(")) } }\n");
        }
        return rs.toString();
    }
}
