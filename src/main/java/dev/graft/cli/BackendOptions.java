package dev.graft.cli;

import dev.graft.GraftException;
import dev.graft.pipeline.Backend;
import dev.graft.pipeline.Backends;
import dev.graft.pipeline.HelperLibrary;
import dev.graft.pipeline.InliningOptions;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.pipeline.AtomicOutput;
import dev.graft.toolchain.Toolchain;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** Options of the commands that link helpers into a crate ({@code rustc}, {@code link}). */
final class BackendOptions {

    @Option(names = "--helpers", required = true, paramLabel = "HELPERS.bc",
            description = "Helper bitcode written by 'graft helpers'.")
    Path helpers;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "inprocess",
            description = "inprocess (libLLVM in this process) or tools (llvm-link + clang subprocesses, the "
                    + "kernel's way). Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(names = "--force-inline", description = "inprocess only: give every helper alwaysinline (the kernel's "
            + "__rust_helper). Helpers whose code a feature missing in the caller changes still stay out of line.")
    boolean forceInline;

    @Option(names = "--ignore-target-compat", description = "inprocess only: inline despite differing target CPU "
            + "or features (the seed's -mllvm --ignore-tti-inline-compatible), with the same exception.")
    boolean ignoreTargetCompat;

    @Option(names = "--opt", paramLabel = "LEVEL", defaultValue = "inline",
            description = "inprocess only: inline (the inliner and its clean-up) or full (default<On>, as clang). "
                    + "Default: ${DEFAULT-VALUE}.")
    String optimization;

    @Option(names = "--report", paramLabel = "R.json", description = "Write the inlining report as JSON.")
    Path report;

    @Option(names = "--keep-temps", paramLabel = "DIR", description = "Keep intermediate bitcode in DIR.")
    Path keepTemps;

    Backend backend(Toolchain toolchain, ProcessRunner runner) throws GraftException {
        return Backends.create(backend, optimization, new InliningOptions(forceInline, ignoreTargetCompat), toolchain,
                runner);
    }

    HelperLibrary helperLibrary(CliContext context, Toolchain toolchain, ProcessRunner runner)
            throws GraftException {
        Path file = context.workingDirectory().resolve(helpers);
        if (context.server().isPresent()) {
            return context.server().get().memo().helperLibrary(file, toolchain,
                    () -> HelperLibrary.read(file, toolchain.llvm(), runner));
        }
        return HelperLibrary.read(file, toolchain.llvm(), runner);
    }

    Optional<Path> keepTemps(CliContext context) {
        return Optional.ofNullable(keepTemps).map(context.workingDirectory()::resolve);
    }

    void writeReport(CliContext context, InliningReport inliningReport) throws GraftException {
        if (report != null) {
            AtomicOutput.writeString(context.workingDirectory().resolve(report), ReportJson.write(inliningReport));
        }
    }
}
