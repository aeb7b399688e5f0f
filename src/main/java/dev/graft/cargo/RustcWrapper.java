package dev.graft.cargo;

import dev.graft.GraftException;
import dev.graft.cache.HelperCache;
import dev.graft.files.Workspace;
import dev.graft.job.CrateJob;
import dev.graft.helpers.HelperCompiler;
import dev.graft.helpers.HelperLibrary;
import dev.graft.process.Command;
import dev.graft.process.ProcessRunner;
import dev.graft.report.LeftOutOfLine;
import dev.graft.report.InliningReport;
import dev.graft.rustc.RustcInvocation;
import dev.graft.session.Session;
import dev.graft.toolchain.NestedGraft;
import dev.graft.toolchain.Toolchain;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code RUSTC_WRAPPER=graft}: one rustc invocation from cargo. Passes it through unchanged when
 * {@link PassThroughRules} or the lack of helpers say so; otherwise runs rustc with {@code llvm-bc} added
 * to its outputs (and, for a crate rustc links, graft as its linker), then replaces the objects of the
 * codegen units that call helpers, and reports. rustc's standard streams are graft's own throughout, so
 * cargo reads rustc's messages as rustc writes them (and pipelining starts dependents on the metadata).
 */
public final class RustcWrapper {

    /** Where graft's own launcher is, for {@code -C linker}: set by the native client, else the launcher's home. */
    public static final String EXECUTABLE_ENVIRONMENT = "GRAFT_EXECUTABLE";

    private final Path rustc;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final PrintWriter err;
    private final ProcessRunner runner;

    public RustcWrapper(Path rustc, Map<String, String> environment, Path workingDirectory, PrintWriter err,
                        ProcessRunner runner) {
        this.rustc = rustc;
        this.environment = environment;
        this.workingDirectory = workingDirectory;
        this.err = err;
        this.runner = runner;
    }

    /** Runs one invocation; returns rustc's exit status (or 0 after graft's work). */
    public int run(List<String> args) throws GraftException {
        RustcInvocation invocation;
        try {
            invocation = RustcInvocation.parse(args, workingDirectory);
        } catch (GraftException e) {
            return passThrough(args, "a command line graft cannot read (" + e.getMessage() + ")");
        }
        if (PassThroughRules.queriesDependencies(invocation)) {
            return answerDependencyQuery(args, invocation);
        }
        Optional<String> reason = PassThroughRules.reason(invocation);
        if (reason.isPresent()) {
            return passThrough(args, reason.get());
        }
        List<String> notes = discover(invocation);
        List<Path> helpers = HelperDiscovery.find(invocation, environment, workingDirectory);
        Session.current().timeline().mark("helpers found");
        if (helpers.isEmpty()) {
            int status = passThrough(args, "no helper bitcode (" + HelperDiscovery.ENVIRONMENT + ", "
                    + HelperDiscovery.FILE_NAME + " in a -L native= directory, or C its build script compiled)");
            if (status == 0 && !notes.isEmpty()) {
                finish(invocation, invocation.outputDirectory(workingDirectory), helpers,
                        invocation.effectiveCrateTypes(), List.of(), List.of(), notes);
            } else if (status == 0) {
                Path outDir = invocation.outputDirectory(workingDirectory);
                CargoReports.forget(CargoReports.directoryFor(outDir), invocation.stem());
                if (invocation.emits().contains("dep-info")) {
                    // Helpers named later must rebuild the crates that had none.
                    DepInfoHelpers.add(outDir.resolve(invocation.stem() + ".d"), outDir, List.of(),
                            Map.of(HelperDiscovery.ENVIRONMENT, Optional.empty()));
                }
            }
            return status;
        }
        for (Path helper : helpers) {
            if (!Files.isRegularFile(helper)) {
                // Before rustc runs: the crate fails at once, not after a build that would be thrown away.
                throw GraftException.badInput("helper bitcode " + helper + " (named in " + HelperDiscovery.ENVIRONMENT
                        + ") does not exist");
            }
            // The same for a file that is not bitcode: else a binary's link is the first to read it.
            HelperLibrary.requireBitcode(helper, environment.getOrDefault(HelperDiscovery.ENVIRONMENT, "").isBlank()
                    ? "found in a -L native= directory" : "named in " + HelperDiscovery.ENVIRONMENT);
        }
        return graft(invocation, helpers, notes);
    }

    /** The notes of compiling the C this crate's build script built, unless GRAFT_HELPERS names the helpers. */
    private List<String> discover(RustcInvocation invocation) {
        return environment.getOrDefault(HelperDiscovery.ENVIRONMENT, "").isBlank()
                ? DiscoveredHelpers.refresh(invocation, environment, workingDirectory, this::helperCompiler)
                : List.of();
    }

    /**
     * sccache's question (which files and variables does this crate read?) answered with graft's inputs too:
     * the helpers and settings join rustc's dep-info, so a helper's change is a cache miss and a setting's
     * another key. The crate owning a build script discovers its helpers here as well: on a cache hit its
     * compile never reaches graft, and its dependents need them.
     */
    private int answerDependencyQuery(List<String> args, RustcInvocation invocation) throws GraftException {
        discover(invocation);
        int status = passThrough(args, "a query for the files the crate reads: graft adds its helpers and settings");
        Optional<Path> depInfo = invocation.outputFile()
                .or(() -> Optional.of(invocation.outputDirectory(workingDirectory).resolve(invocation.stem() + ".d")))
                .map(file -> workingDirectory.resolve(file).toAbsolutePath().normalize());
        if (status == 0 && depInfo.get().getParent() != null) {
            DepInfoHelpers.add(depInfo.get(), depInfo.get().getParent(), HelperDiscovery.find(invocation, environment,
                    workingDirectory), CrateSetup.settings(environment));
        }
        return status;
    }

    private HelperCompiler helperCompiler(Path sourceDirectory) throws GraftException {
        return new HelperCompiler(CrateSetup.toolchain(rustc, environment, workingDirectory, runner), runner,
                HelperCache.defaultLocation(environment), sourceDirectory, environment);
    }

    private int passThrough(List<String> args, String reason) throws GraftException {
        if (verbose()) {
            err.println("graft: passing through (" + reason + ")");
            err.flush();
        }
        return runner.runInheritingIo(NestedGraft.marked(Command.of(rustc, args).inDirectory(workingDirectory)));
    }

    private boolean verbose() {
        return !environment.getOrDefault("GRAFT_VERBOSE", "").isEmpty();
    }

    private int graft(RustcInvocation invocation, List<Path> helpers, List<String> notes) throws GraftException {
        Path outDir = invocation.outputDirectory(workingDirectory);
        String crateName = invocation.crateName().orElseThrow();
        Set<String> types = invocation.effectiveCrateTypes();
        boolean linked = invocation.test() || types.stream().anyMatch(PassThroughRules.LINKED_TYPES::contains);
        Optional<Path> self = graftExecutable();
        if (linked && self.isEmpty()) {
            err.println("graft: warning: " + EXECUTABLE_ENVIRONMENT + " and GRAFT_HOME are unset, so graft cannot be "
                    + "the linker: " + crateName + " is linked without graft");
            err.flush();
            linked = false;
        }
        WrapperSettings settings = WrapperSettings.read(environment, workingDirectory);
        try (Workspace workspace = Workspace.create(Optional.empty(), Workspace.root(environment))) {
            List<String> argv = new ArrayList<>(invocation.argv());
            argv.add("--emit=llvm-bc");
            Map<String, String> rustcEnvironment = new HashMap<>();
            if (linked) {
                ShimConfig shim = new ShimConfig(workspace.directory(), rustc,
                        Optional.ofNullable(invocation.codegen().get("linker")).orElse("cc"), crateName,
                        invocation.stem(), outDir, helpers, settings, invocation.words());
                Files.createDirectories(shim.reportDirectory());
                shim.write();
                argv.add("-Clinker=" + self.get());
                rustcEnvironment.put(ShimConfig.ENVIRONMENT, workspace.directory().toString());
            }
            try {
                int status = runner.runInheritingIo(NestedGraft.marked(Command.of(rustc, argv)
                        .inDirectory(workingDirectory).withEnvironment(rustcEnvironment)));
                Session.current().timeline().mark("rustc done");
                if (status != 0) {
                    return status;
                }
                List<CrateReport.UnitReport> units = new ArrayList<>();
                List<String> warnings = new ArrayList<>();
                if (!invocation.test() && types.stream().anyMatch(PassThroughRules.ARCHIVE_TYPES::contains)) {
                    units.addAll(graftArchives(invocation, types, outDir, helpers, settings, workspace, warnings));
                }
                if (linked) {
                    units.addAll(shimReports(workspace.directory(), warnings));
                }
                List<Path> inputs = new ArrayList<>(helpers);
                settings.manifest().ifPresent(inputs::add);
                finish(invocation, outDir, inputs, types, units, warnings, notes);
                Session.current().timeline().mark("reports written");
                return 0;
            } finally {
                CodegenUnits.bitcodeFiles(outDir, invocation.stem()).forEach(RustcWrapper::deleteQuietly);
            }
        } catch (IOException e) {
            throw GraftException.io("cannot prepare graft's linker shim", e);
        }
    }

    private List<CrateReport.UnitReport> graftArchives(RustcInvocation invocation, Set<String> types, Path outDir,
                                                       List<Path> helpers, WrapperSettings settings, Workspace workspace,
                                                       List<String> warnings) throws GraftException {
        String crateName = invocation.crateName().orElseThrow();
        List<Path> bitcode = CodegenUnits.bitcodeFiles(outDir, invocation.stem());
        if (bitcode.isEmpty()) {
            return List.of();
        }
        Toolchain toolchain = CrateSetup.toolchain(rustc, environment, workingDirectory, runner);
        CrateJob job = CrateSetup.job(toolchain, helpers, invocation, workingDirectory, settings, crateName, runner,
                workspace);
        Session.current().timeline().mark("crate job");
        if (!job.mayReference(bitcode)) {
            return List.of();
        }
        job.unappliedOptions().ifPresent(warnings::add);
        ArchiveMembers archives = new ArchiveMembers(toolchain.llvm(), runner);
        List<CrateReport.UnitReport> reports = new ArrayList<>();
        Set<Path> archiveFiles = new TreeSet<>();
        if (types.contains("lib") || types.contains("rlib")) {
            archiveFiles.add(outDir.resolve("lib" + invocation.stem() + ".rlib"));
        }
        if (types.contains("staticlib")) {
            archiveFiles.add(outDir.resolve("lib" + invocation.stem() + ".a"));
        }
        Map<String, CrateJob.GraftedUnit> done = new HashMap<>();
        for (Path archive : archiveFiles) {
            if (!Files.isRegularFile(archive)) {
                continue;
            }
            ArchiveMembers.Listing listing = archives.list(archive);
            CodegenUnits.Pairing pairing = CodegenUnits.pair(listing.names(), invocation.stem(), outDir);
            warnings.addAll(pairing.warnings());
            Session.current().timeline().mark("archive listed");
            // rustc's objects of the units graft regenerates: only the functions inlining changes are made again.
            Map<String, byte[]> rustcObjects = listing.members(pairing.units().stream()
                    .filter(u -> u.bitcode().isPresent() && !done.containsKey(u.objectName()))
                    .map(CodegenUnits.Unit::objectName).collect(Collectors.toSet()));
            List<Path> replacements = new ArrayList<>();
            for (CodegenUnits.Unit unit : pairing.units()) {
                Optional<CrateJob.GraftedUnit> grafted = done.containsKey(unit.objectName())
                        ? Optional.of(done.get(unit.objectName())) : unit.bitcode().isEmpty() ? Optional.empty()
                        : job.graftUnit(unit.objectName(), unit.bitcode().get(),
                                Optional.ofNullable(rustcObjects.get(unit.objectName())), workspace);
                if (grafted.isPresent()) {
                    if (done.putIfAbsent(unit.objectName(), grafted.get()) == null) {
                        reports.add(new CrateReport.UnitReport(unit.objectName(), grafted.get().report()));
                    }
                    replacements.addAll(grafted.get().objects());
                }
            }
            Session.current().timeline().mark("units grafted");
            archives.replace(listing, replacements);
            Session.current().timeline().mark("archive written");
        }
        return reports;
    }

    private static List<CrateReport.UnitReport> shimReports(Path shimDirectory, List<String> warnings)
            throws GraftException {
        List<CrateReport.UnitReport> reports = new ArrayList<>();
        try {
            if (Files.isRegularFile(ShimConfig.warningsFile(shimDirectory))) {
                warnings.addAll(Files.readAllLines(ShimConfig.warningsFile(shimDirectory), StandardCharsets.UTF_8));
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(ShimConfig.reportDirectory(shimDirectory), "*.json")) {
                for (Path file : files) {
                    String object = file.getFileName().toString().replaceFirst("\\.json$", "");
                    reports.add(new CrateReport.UnitReport(object, ReportFiles.read(file, InliningReport.class)));
                }
            }
        } catch (IOException e) {
            throw GraftException.io("cannot read the linker shim's reports in " + shimDirectory, e);
        }
        reports.sort(java.util.Comparator.comparing(CrateReport.UnitReport::object));
        return reports;
    }

    /** @param helpers the helper files and the other files graft read for the crate (its Cargo.toml's settings) */
    private void finish(RustcInvocation invocation, Path outDir, List<Path> helpers, Set<String> types,
                        List<CrateReport.UnitReport> units, List<String> warnings, List<String> notes)
            throws GraftException {
        for (String warning : warnings) {
            err.println("graft: warning: " + invocation.crateName().orElseThrow() + ": " + warning);
        }
        LeftOutOfLine.of(invocation.crateName().orElseThrow(), units.stream().map(CrateReport.UnitReport::report)
                        .toList(), "every call and why: " + CargoReports.directoryFor(outDir).resolve(
                                invocation.stem() + ".json"))
                .ifPresent(line -> err.println(line.render(LeftOutOfLine.jsonDiagnostics(invocation.argv()))));
        err.flush();
        if (invocation.emits().contains("dep-info")) {
            // A crate whose objects graft replaced depends on its helpers and settings; one that calls no helper
            // only on which helpers are named, since other helpers could be ones it calls.
            boolean grafted = !units.isEmpty();
            DepInfoHelpers.add(outDir.resolve(invocation.stem() + ".d"), outDir, !grafted ? List.of() : helpers.stream()
                    .filter(h -> !DiscoveredHelpers.writtenFor(h, environment, workingDirectory)).toList(),
                    grafted ? CrateSetup.settings(environment) : Map.of(HelperDiscovery.ENVIRONMENT,
                            CrateSetup.settings(environment).get(HelperDiscovery.ENVIRONMENT)));
        }
        if (units.isEmpty() && warnings.isEmpty() && notes.isEmpty()) {
            CargoReports.forget(CargoReports.directoryFor(outDir), invocation.stem());
            return;
        }
        List<String> typeNames = new ArrayList<>(types);
        if (invocation.test()) {
            typeNames = List.of("test");
        }
        CargoReports.write(CargoReports.directoryFor(outDir), CrateReport.of(invocation.crateName().orElseThrow(),
                invocation.stem(), typeNames, units, warnings, notes));
    }

    private Optional<Path> graftExecutable() {
        return Optional.ofNullable(environment.get(EXECUTABLE_ENVIRONMENT)).filter(s -> !s.isBlank()).map(Path::of)
                .or(() -> Optional.ofNullable(environment.get("GRAFT_HOME")).filter(s -> !s.isBlank())
                        .map(h -> Path.of(h, "graft")))
                .filter(Files::isExecutable);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover .bc beside the rlib is harmless; rustc overwrites it next time.
        }
    }
}
