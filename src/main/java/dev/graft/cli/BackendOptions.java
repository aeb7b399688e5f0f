package dev.graft.cli;

import dev.graft.GraftException;
import dev.graft.cargo.WrapperSettings;
import dev.graft.files.AtomicOutput;
import dev.graft.files.DistinctFiles;
import dev.graft.helpers.HelperLibrary;
import dev.graft.job.BackendSettings;
import dev.graft.job.CrateJob;
import dev.graft.link.InliningOptions;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.toolchain.Toolchain;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/** Options of the commands that link helpers into a crate ({@code rustc}, {@code link}). */
final class BackendOptions {

    @Option(names = "--helpers", required = true, paramLabel = "HELPERS.bc",
            description = "The helper bitcode 'graft helpers' wrote.")
    Path helpers;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "inprocess",
            description = "inprocess (libLLVM in this process) or tools (llvm-link + clang subprocesses, the "
                    + "kernel's way). Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(names = "--force-inline", description = "inprocess only: give every helper alwaysinline (the kernel's "
            + "__rust_helper). A call whose helper a target feature missing in the caller affects (an indirect call "
            + "under retpolines, floating point, intrinsics) still stays out of line. Also GRAFT_FORCE_INLINE=1, for "
            + "every form.")
    boolean forceInline;

    @Option(names = "--ignore-target-compat", description = "inprocess only: give each helper its caller's target "
            + "CPU and features (as clang's -mllvm --ignore-tti-inline-compatible lets the inliner), with the same "
            + "exception as --force-inline. Also GRAFT_IGNORE_TARGET_COMPAT=1, for every form.")
    boolean ignoreTargetCompat;

    @Option(names = "--caller-features-from-helpers", description = "inprocess only: for a program that requires "
            + "the helpers' CPU anyway (every DPDK program does), give each Rust caller the target features its "
            + "helpers need and it lacks (and their CPU, when the crate names none), so they inline; each change is "
            + "listed in the report. Also GRAFT_CALLER_FEATURES_FROM_HELPERS=1, for every form.")
    boolean callerFeaturesFromHelpers;

    @Option(names = "--opt", paramLabel = "LEVEL", defaultValue = "inline",
            description = "inprocess only: inline (the inliner and its clean-up) or full (clang's whole -O pipeline). "
                    + "Default: ${DEFAULT-VALUE}.")
    String optimization;

    @Option(names = "--report", paramLabel = "R.json", description = "Write the inlining report as JSON (read it with "
            + "'graft report R.json').")
    Path report;

    @Option(names = "--keep-temps", paramLabel = "DIR", description = "Keep intermediate bitcode in DIR.")
    Path keepTemps;

    /**
     * {@code environment}: the command's, where each flag may be set as the cargo wrapper reads it
     * ({@value InliningOptions#FORCE_INLINE_ENVIRONMENT}, ...): under make or Kbuild, graft-rustc's command line is
     * rustc's, so the environment is the only way to give one.
     */
    BackendSettings settings(Map<String, String> environment) throws GraftException {
        boolean force = forceInline
                || WrapperSettings.flagFromEnvironment(environment, InliningOptions.FORCE_INLINE_ENVIRONMENT);
        boolean ignore = ignoreTargetCompat
                || WrapperSettings.flagFromEnvironment(environment, InliningOptions.IGNORE_TARGET_COMPAT_ENVIRONMENT);
        boolean raise = callerFeaturesFromHelpers
                || WrapperSettings.flagFromEnvironment(environment, InliningOptions.CALLER_FEATURES_ENVIRONMENT);
        return new BackendSettings(backend, optimization, new InliningOptions(force, ignore, raise)).checked();
    }

    HelperLibrary helperLibrary(CliContext context, Toolchain toolchain, ProcessRunner runner)
            throws GraftException {
        return helperLibrary(context, toolchain, runner, helpers);
    }

    /** Reads {@code chosen}: {@code --helpers} or one of its variants. */
    HelperLibrary helperLibrary(CliContext context, Toolchain toolchain, ProcessRunner runner, Path chosen)
            throws GraftException {
        Path file = InputFile.requireRegular(context.workingDirectory().resolve(chosen), "--helpers", chosen);
        return CrateJob.helperLibrary(file, toolchain, runner, settings(context.environment()));
    }

    /** The report as one more output that must not land on an input or another output. */
    List<DistinctFiles.Role> reportOutput() {
        return report == null ? List.of() : List.of(new DistinctFiles.Role("the report", report));
    }

    Optional<Path> keepTemps(CliContext context) {
        return Optional.ofNullable(keepTemps).map(context.workingDirectory()::resolve);
    }

    void writeReport(CliContext context, InliningReport inliningReport) throws GraftException {
        writeReport(context, inliningReport, helpers);
    }

    void writeReport(CliContext context, InliningReport inliningReport, Path helpersUsed) throws GraftException {
        if (report != null) {
            AtomicOutput.writeString(context.workingDirectory().resolve(report),
                    ReportJson.write(inliningReport.withHelpersFile(helpersUsed.toString())));
        }
    }
}
