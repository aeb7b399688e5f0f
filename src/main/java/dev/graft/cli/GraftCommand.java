package dev.graft.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

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

    /** Makes one command; the order is the order of the usage's command list. */
    private static final Map<String, BiFunction<CliContext, CommonOptions, Object>> COMMANDS = commands();

    private static Map<String, BiFunction<CliContext, CommonOptions, Object>> commands() {
        Map<String, BiFunction<CliContext, CommonOptions, Object>> commands = new LinkedHashMap<>();
        commands.put("doctor", DoctorCommand::new);
        commands.put("helpers", HelpersCommand::new);
        commands.put("rustc", RustcCommand::new);
        commands.put("link", LinkCommand::new);
        commands.put("report", ReportCommand::new);
        commands.put("cargo-setup", CargoSetupCommand::new);
        commands.put("demo", DemoCommand::new);
        commands.put("server", (context, common) -> new ServerCommand(context));
        return Collections.unmodifiableMap(commands);
    }

    /** The command line with every command: what the usage lists. */
    static CommandLine commandLine(CliContext context) {
        return commandLine(context, COMMANDS.keySet());
    }

    /**
     * The command line that {@code args} need: only the command their first word names, if it names one,
     * since picocli reads every command's annotations afresh for each command line it builds, and that is
     * most of a warm request's parse and, in a fresh JVM, hundreds of milliseconds; else every command (the
     * usage lists them, and a mistyped name gets its suggestion).
     */
    static CommandLine commandLineFor(List<String> args, CliContext context) {
        return !args.isEmpty() && COMMANDS.containsKey(args.getFirst())
                ? commandLine(context, Set.of(args.getFirst())) : commandLine(context);
    }

    private static CommandLine commandLine(CliContext context, Set<String> names) {
        CommonOptions common = new CommonOptions();
        CommandLine commandLine = new CommandLine(new GraftCommand(context, common));
        COMMANDS.forEach((name, command) -> {
            if (names.contains(name)) {
                commandLine.addSubcommand(name, command.apply(context, common));
            }
        });
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
