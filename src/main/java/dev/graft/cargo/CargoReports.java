package dev.graft.cargo;

import dev.graft.GraftException;
import dev.graft.files.AtomicOutput;
import dev.graft.report.ReportJson;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The reports under cargo's target directory: {@code <profile dir>/graft/<crate>-<hash>.json} per crate, and
 * {@value #SUMMARY}, one table over every crate, rewritten after each crate (under a lock: cargo builds
 * crates in parallel, and each graft process adds its own crate to what the others wrote).
 */
public final class CargoReports {

    public static final String DIRECTORY = "graft";
    public static final String SUMMARY = "summary.txt";

    private CargoReports() {
    }

    /**
     * The report directory for rustc's output directory: cargo writes crates to {@code <profile>/deps}
     * (and {@code <profile>/examples}); the reports go beside them, in {@code <profile>/graft}.
     */
    public static Path directoryFor(Path outDir) {
        String name = outDir.getFileName() == null ? "" : outDir.getFileName().toString();
        Path profile = (name.equals("deps") || name.equals("examples")) && outDir.getParent() != null
                ? outDir.getParent() : outDir;
        return profile.resolve(DIRECTORY);
    }

    public static void write(Path directory, CrateReport report) throws GraftException {
        try {
            Files.createDirectories(directory);
            ReportFiles.write(directory.resolve(report.unit() + ".json"), report);
            rewriteSummary(directory);
        } catch (IOException e) {
            throw GraftException.io("cannot write graft's reports in " + directory, e);
        }
    }

    /**
     * Removes the report of an earlier build of this crate ({@code unit}, its file stem) that graft built
     * again with nothing to report: its notes and counts are no longer true.
     */
    public static void forget(Path directory, String unit) throws GraftException {
        Path report = directory.resolve(unit + ".json");
        if (!Files.exists(report)) {
            return;
        }
        try {
            Files.deleteIfExists(report);
            rewriteSummary(directory);
        } catch (IOException e) {
            throw GraftException.io("cannot update graft's reports in " + directory, e);
        }
    }

    private static void rewriteSummary(Path directory) throws IOException, GraftException {
        try (FileChannel lock = FileChannel.open(directory.resolve(".summary.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock held = lock.lock()) {
            AtomicOutput.writeString(directory.resolve(SUMMARY), summary(read(directory))
                    + "reports: one per crate build beside this file, named <crate>-<hash>.json as cargo names "
                    + "the crate's files; 'graft report FILE' prints one\n");
        }
    }

    public static List<CrateReport> read(Path directory) throws IOException {
        List<CrateReport> reports = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                try {
                    reports.add(ReportFiles.read(file, CrateReport.class));
                } catch (ReportJson.Unreadable e) {
                    throw new IOException(file + " is not a crate report graft wrote: " + e.getMessage(), e);
                }
            }
        }
        reports.sort(Comparator.comparing(CrateReport::crate).thenComparing(CrateReport::unit));
        return reports;
    }

    /** Whether {@code text} is a {@value #SUMMARY} graft wrote. */
    public static boolean isSummary(String text) {
        return text.startsWith(SUMMARY_TITLE);
    }

    private static final String SUMMARY_TITLE = "graft: helper call sites inlined per crate\n";

    /** The table a person reads after {@code cargo build}. */
    public static String summary(List<CrateReport> reports) {
        StringBuilder out = new StringBuilder(SUMMARY_TITLE);
        out.append(String.format("%-24s %-10s %-9s %s%n", "crate", "type", "inlined", "helpers"));
        int total = 0;
        int inlined = 0;
        for (CrateReport r : reports) {
            out.append(String.format("%-24s %-10s %-9s %s%n", r.crate(), String.join(",", r.crateTypes()),
                    r.inlined() + "/" + r.callSites(), String.join(" ", r.helpersReferenced())));
            for (String warning : r.warnings()) {
                out.append("  warning: ").append(warning).append('\n');
            }
            for (String note : r.notes()) {
                out.append("  note: ").append(note).append('\n');
            }
            total += r.callSites();
            inlined += r.inlined();
        }
        out.append(String.format("total: %d/%d call sites inlined in %d crate build%s%n",
                inlined, total, reports.size(), reports.size() == 1 ? "" : "s"));
        return out.toString();
    }
}
