package dev.graft.cli;

import dev.graft.ExitCode;
import dev.graft.GraftException;
import dev.graft.cache.HelperCache;
import dev.graft.demo.Demo;
import dev.graft.files.Workspace;
import dev.graft.job.BackendSettings;
import dev.graft.link.InliningOptions;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.Toolchain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** {@code graft demo}: the bundled example, built plain and through graft, side by side. */
@Command(name = "demo", description = "Build the bundled kernel-style example the plain way and the graft way, "
        + "run both, and show which helper call sites were inlined.")
final class DemoCommand extends Subcommand {

    @Option(names = "--examples", paramLabel = "DIR", description = "Where the examples are (default: "
            + "$GRAFT_HOME/examples, else ./examples).")
    Path examples;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Keep the demo's build files in DIR.")
    Path workDir;

    @Option(names = "--kernel-style", description = "Build with a Linux 6.12 x86_64 build's C and Rust flags, in "
            + "process (the object is kernel code: checked, not run).")
    boolean kernelStyle;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "inprocess",
            description = "inprocess or tools. Default: ${DEFAULT-VALUE}.")
    String backend;


    DemoCommand(CommonOptions common) {
        super(common);
    }

    @Override
    public Integer call() throws GraftException {
        ProcessRunner runner = runner();
        Toolchain toolchain = toolchain();
        Demo demo = new Demo(toolchain, runner, new BackendSettings(backend, "inline", InliningOptions.DEFAULT),
                HelperCache.defaultLocation(context().environment()));
        try (Workspace work = Workspace.create(Optional.ofNullable(workDir).map(context().workingDirectory()::resolve),
                Workspace.root(context().environment()))) {
            Demo.Outcome outcome = kernelStyle ? demo.runKernelStyle(examplesDirectory(), work.directory(),
                    context().out()) : demo.run(examplesDirectory(), work.directory(), context().out());
            return outcome.succeeded() ? 0 : ExitCode.TOOL_FAILED.status();
        }
    }

    private Path examplesDirectory() {
        if (examples != null) {
            return context().workingDirectory().resolve(examples);
        }
        String home = context().environment().get("GRAFT_HOME");
        return home != null ? Path.of(home, "examples") : context().workingDirectory().resolve("examples");
    }
}
