package dev.graft.cli;

import dev.graft.GraftException;
import dev.graft.cargo.PassThroughRules;
import dev.graft.helpers.HelperLibrary;
import dev.graft.helpers.HelperVariant;
import dev.graft.job.BackendSettings;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.report.LeftOutOfLine;
import dev.graft.report.ReportText;
import dev.graft.rustc.CrateBuild;
import dev.graft.rustc.RustcInvocation;
import dev.graft.toolchain.NestedGraft;
import dev.graft.toolchain.Toolchain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code graft rustc}: a drop-in wrapper for a rustc command that emits an object. */
@Command(name = "rustc", customSynopsis = "graft rustc --helpers=HELPERS.bc [OPTIONS] -- RUSTC_ARGS...",
        description = {"Run rustc, with the helpers inlined into the object it emits.",
                "RUSTC_ARGS are rustc's arguments without the program (graft finds rustc in $GRAFT_RUSTC, $RUSTC, on PATH or in "
                        + "~/.cargo/bin), and emit an object: --emit=obj=X.o, or --emit=obj -o X.o. rustc's "
                        + "diagnostics and exit status pass through; a command with nothing to inline (-vV, "
                        + "--print, --help, no input) runs rustc unchanged."})
final class RustcCommand extends Subcommand {

    @Mixin
    BackendOptions backendOptions;

    @Option(names = "--helpers-variant", paramLabel = "NAME", description = "Use the variant NAME of --helpers "
            + "(the file 'graft helpers --variant' wrote beside it). Default: the variant named by the crate's "
            + "--cfg NAME (in lower case) if its file exists, else --helpers itself.")
    String helpersVariant;


    RustcCommand(CommonOptions common) {
        super(common);
    }

    /** Runs rustc unchanged, with the build's streams: found as rustc is, before any LLVM is looked for. */
    private int passThrough(String reason) throws GraftException {
        if (common.verbose) {
            context().err().println("graft: passing through (" + reason + ")");
            context().err().flush();
        }
        Path rustc = common.locator(context()).rustcExecutable().orElseThrow(() -> GraftException.toolchain(
                "rustc not found in $GRAFT_RUSTC, $RUSTC, on PATH or in ~/.cargo/bin: "
                        + "install Rust (rustup) or set GRAFT_RUSTC"));
        return runner().runInheritingIo(NestedGraft.marked(dev.graft.process.Command.of(rustc, context().passThrough())
                .inDirectory(context().workingDirectory()).withEnvironmentOf(context().environment())));
    }

    @Override
    public Integer call() throws GraftException {
        if (context().passThrough().isEmpty()) {
            throw GraftException.badInput("no rustc arguments: use 'graft rustc --helpers H.bc -- RUSTC_ARGS...'");
        }
        context().session().timeline().mark("parsed");
        BackendSettings settings = backendOptions.settings(context().environment());
        RustcInvocation invocation = RustcInvocation.parse(context().passThrough(), context().workingDirectory());
        Optional<String> nothingToDo = PassThroughRules.makeFormReason(invocation);
        if (nothingToDo.isPresent()) {
            return passThrough(nothingToDo.get());
        }
        ProcessRunner runner = runner();
        Toolchain toolchain = toolchain();
        context().session().timeline().mark("toolchain");
        Path helpers = HelperVariant.choose(context().workingDirectory(), backendOptions.helpers,
                Optional.ofNullable(helpersVariant),
                invocation.cfgNames(),
                () -> backendOptions.helperLibrary(context(), toolchain, runner).variants());
        if (common.verbose) {
            context().err().println("graft: helpers from " + helpers);
        }
        CrateBuild build = new CrateBuild(toolchain, runner, context().workingDirectory(), context().environment());
        build.requireDistinctFiles(invocation, helpers, backendOptions.reportOutput());
        HelperLibrary library = backendOptions.helperLibrary(context(), toolchain, runner, helpers);
        context().session().timeline().mark("helpers");
        Optional<InliningReport> report = build.build(invocation, library, settings, backendOptions.keepTemps(context()),
                true, context().out(), context().err());
        if (report.isPresent()) {
            backendOptions.writeReport(context(), report.get(), helpers);
            context().session().timeline().mark("report written");
            if (common.verbose) {
                context().err().print(ReportText.render(report.get()));
            }
            // The build's output says when calls were left (make and Kbuild show stderr); the report says why each.
            LeftOutOfLine.of(report.get().crate(), List.of(report.get()), backendOptions.report != null
                            ? "every call and why: " + backendOptions.report : "--report R.json lists every call and why")
                    .ifPresent(line -> context().err().println(line.render(
                            LeftOutOfLine.jsonDiagnostics(context().passThrough()))));
            context().err().flush();
        }
        return 0;
    }
}
