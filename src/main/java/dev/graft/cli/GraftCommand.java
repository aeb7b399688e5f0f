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
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

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

    private GraftCommand(CommonOptions common) {
        this.common = common;
    }

    /** Makes one command; the order is the order of the usage's command list. */
    private static final Map<String, Function<CommonOptions, Object>> COMMANDS = commands();

    /**
     * The command lines no command uses now, by the command they were built for ("" for all of them).
     * picocli reads every command's annotations afresh for each command line it builds: most of a warm
     * request's parse, and in a fresh JVM hundreds of milliseconds. So a JVM builds a command line once and
     * lends it to one command at a time (concurrent requests each get their own); picocli resets every
     * option to its initial value before it parses, and a command reads its context as
     * {@link CliContext#current}, so nothing of one command reaches the next.
     */
    private static final Map<String, Queue<CommandLine>> IDLE = new ConcurrentHashMap<>();

    private static Map<String, Function<CommonOptions, Object>> commands() {
        Map<String, Function<CommonOptions, Object>> commands = new LinkedHashMap<>();
        commands.put("doctor", DoctorCommand::new);
        commands.put("helpers", HelpersCommand::new);
        commands.put("rustc", RustcCommand::new);
        commands.put("link", LinkCommand::new);
        commands.put("report", ReportCommand::new);
        commands.put("cargo-setup", CargoSetupCommand::new);
        commands.put("demo", DemoCommand::new);
        commands.put("server", common -> new ServerCommand());
        return Collections.unmodifiableMap(commands);
    }

    /** A command line lent to one command; closing the loan gives it back. */
    record Loan(CommandLine commandLine, String key) implements AutoCloseable {
        @Override
        public void close() {
            IDLE.get(key).add(commandLine);
        }
    }

    /**
     * The command line that {@code args} need, lent: with only the command their first word names, if it
     * names one, since a model of one command is built in a fraction of the time of all eight; else every
     * command (the usage lists them, and a mistyped name gets its suggestion). Its streams and handlers are
     * the borrower's to set.
     */
    static Loan lend(List<String> args) {
        String key = !args.isEmpty() && COMMANDS.containsKey(args.getFirst()) ? args.getFirst() : "";
        CommandLine idle = IDLE.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).poll();
        return new Loan(idle != null ? idle : commandLine(key.isEmpty() ? COMMANDS.keySet() : Set.of(key)), key);
    }

    /** A new command line with every command: what the usage lists. */
    static CommandLine commandLine() {
        return commandLine(COMMANDS.keySet());
    }

    private static CommandLine commandLine(Set<String> names) {
        CommonOptions common = new CommonOptions();
        CommandLine commandLine = new CommandLine(new GraftCommand(common));
        COMMANDS.forEach((name, command) -> {
            if (names.contains(name)) {
                commandLine.addSubcommand(name, command.apply(common));
            }
        });
        return commandLine;
    }

    @Override
    public void run() {
        // The command line picocli built with every subcommand, so the usage lists the commands.
        CommandLine commandLine = spec.commandLine();
        commandLine.usage(CliContext.current().err());
        throw new CommandLine.ParameterException(commandLine, "a command is required");
    }
}
