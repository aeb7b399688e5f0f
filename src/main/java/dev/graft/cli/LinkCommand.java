package dev.graft.cli;

import dev.graft.GraftException;
import dev.graft.files.DistinctFiles;
import dev.graft.files.Workspace;
import dev.graft.link.CodegenOptions;
import dev.graft.link.CrateBitcode;
import dev.graft.job.CrateJob;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.report.ReportText;
import dev.graft.rustc.CodegenFlags;
import dev.graft.toolchain.Toolchain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code graft link}: the link-and-codegen step for crate bitcode the user already has. */
@Command(name = "link", customSynopsis = {"graft link --helpers=HELPERS.bc -o=OUT.o [OPTIONS] CRATE.bc",
        "                  [-- CODEGEN_FLAGS...]"},
        description = {"Link the helpers into crate bitcode you already have and emit the object.",
                "CODEGEN_FLAGS are rustc's code generation options (-Copt-level=2, --target T, -Ctarget-cpu=C, "
                        + "-Ctarget-feature=..., ...); graft refuses any other, naming those it takes."})
final class LinkCommand extends Subcommand {

    @Mixin
    BackendOptions backendOptions;

    @Option(names = "-o", required = true, paramLabel = "OUT.o", description = "The object to write.")
    Path output;

    @Parameters(paramLabel = "CRATE.bc", arity = "1", description = "The crate's bitcode (rustc --emit=llvm-bc), or its textual IR (.ll).")
    Path crateBitcode;


    LinkCommand(CommonOptions common) {
        super(common);
    }

    @Override
    public Integer call() throws GraftException {
        ProcessRunner runner = runner();
        Toolchain toolchain = toolchain();
        CodegenOptions codegen = CodegenFlags.fromLinkFlags(context().passThrough(), toolchain.rustc().hostTriple(),
                context().workingDirectory());
        String crate = crateBitcode.getFileName().toString().replaceFirst("\\.(bc|ll)$", "");
        List<DistinctFiles.Role> outputs = new ArrayList<>(List.of(new DistinctFiles.Role("the object", output)));
        outputs.addAll(backendOptions.reportOutput());
        DistinctFiles.require(context().workingDirectory(), List.of(new DistinctFiles.Role("the crate bitcode",
                crateBitcode), new DistinctFiles.Role("the helper library", backendOptions.helpers)), outputs);
        CrateJob job = CrateJob.of(toolchain, backendOptions.helperLibrary(context(), toolchain, runner),
                backendOptions.settings(context().environment()), codegen, crate, runner);
        job.unappliedOptions().ifPresent(note -> context().err().println("graft: note: " + note));
        InliningReport report;
        try (Workspace workspace = Workspace.create(backendOptions.keepTemps(context()),
                Workspace.root(context().environment()))) {
            Path bitcode = CrateBitcode.prepare(context().workingDirectory().resolve(crateBitcode), workspace,
                    toolchain.llvm(), runner);
            report = job.build(bitcode, context().workingDirectory().resolve(output), workspace, Map.of(), true)
                    .orElseThrow();
        }
        backendOptions.writeReport(context(), report);
        context().out().println(ReportText.headline(report));
        if (common.verbose) {
            context().err().print(ReportText.render(report));
        }
        return 0;
    }
}
