package dev.graft.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The top-level {@code graft} command: only a list of subcommands. Every command inherits its attributes
 * (the version, the exit codes) and the options of {@link CommonOptions}, {@code -h}/{@code --help} among
 * them: an error's "see 'graft helpers --help'" must point at a help that works.
 */
@Command(name = "graft", version = "graft 0.1.0", scope = ScopeType.INHERIT,
        description = {"Inlines C helper functions into Rust crates at build time, without global LTO.",
                "Under cargo: RUSTC_WRAPPER=graft cargo build (cargo then runs 'graft /path/to/rustc ARGS...').",
                "Under make (Kbuild): RUSTC=/path/to/graft-rustc GRAFT_HELPERS=helpers.bc (graft-rustc, a link to "
                        + "graft, is 'graft graft-rustc ARGS...': rustc's arguments; the real rustc is GRAFT_RUSTC, "
                        + "else rustc on PATH).",
                "'graft COMMAND --help' or 'graft help COMMAND' shows a command's options."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:success",
                "1:a wrapped tool (rustc, clang, llvm-link) failed; its output is shown (graft rustc exits with "
                        + "rustc's own status)",
                "2:bad usage or bad input (a one-line reason)",
                "3:toolchain missing or incompatible (what to install)",
                "4:libLLVM stopped with a fatal error inside graft (one line names the step and LLVM's message; "
                        + "nothing was written)"})
final class GraftCommand implements Runnable {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    private final CliContext context;

    private GraftCommand(CliContext context, CommonOptions common) {
        this.context = context;
        this.common = common;
    }

    static CommandLine commandLine(CliContext context) {
        CommonOptions common = new CommonOptions();
        CommandLine commandLine = new CommandLine(new GraftCommand(context, common))
                .addSubcommand("doctor", new DoctorCommand(context, common))
                .addSubcommand("helpers", new HelpersCommand(context, common))
                .addSubcommand("rustc", new RustcCommand(context, common))
                .addSubcommand("link", new LinkCommand(context, common))
                .addSubcommand("report", new ReportCommand(context, common))
                .addSubcommand("cargo-setup", new CargoSetupCommand(context, common))
                .addSubcommand("demo", new DemoCommand(context, common))
                .addSubcommand("server", new ServerCommand(context));
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        return commandLine;
    }

    @Override
    public void run() {
        // The command line picocli built with every subcommand, so the usage lists the commands.
        CommandLine commandLine = spec.commandLine();
        commandLine.usage(context.err());
        throw new CommandLine.ParameterException(commandLine, "a command is required");
    }
}
