package dev.graft.cli;

import dev.graft.ExitCode;
import dev.graft.GraftException;
import dev.graft.llvm.Llvm;
import dev.graft.process.ExitCleanup;
import dev.graft.toolchain.NestedGraft;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** Entry point. {@link #run} is the whole program without {@code System.exit}, for tests. */
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Llvm.onFatalError(fatal -> {
            // LLVM exits the process when this returns: say so, clean up, and end it with graft's own status.
            out.flush();
            err.println("graft: " + fatal.describe());
            err.flush();
            ExitCleanup.runNow();
            Runtime.getRuntime().halt(ExitCode.LLVM_FATAL.status());
        });
        int status = run(List.of(args), out, err, System.getenv(), Path.of("").toAbsolutePath());
        out.flush();
        err.flush();
        System.exit(status);
    }

    public static int run(List<String> args, PrintWriter out, PrintWriter err, Map<String, String> environment,
                          Path workingDirectory) {
        return run(args, out, err, environment, workingDirectory, Optional.empty());
    }

    /**
     * The same for a graft server's request: its caller gives every subprocess the client's environment and
     * directory, and runs rustc in the client itself.
     *
     * @throws ServerRequest.OtherToolchain the command needs a toolchain the server does not serve
     */
    public static int run(List<String> args, PrintWriter out, PrintWriter err, Map<String, String> environment,
                          Path workingDirectory, Optional<ServerRequest> server) {
        if (!args.isEmpty() && args.getFirst().equals("help")) {
            Optional<List<String>> help = helpAsOption(args.subList(1, args.size()));
            if (help.isEmpty()) {
                err.println("graft: 'graft help' takes one of the commands " + String.join(", ",
                        new TreeSet<>(CargoForms.COMMAND_NAMES)) + " (see 'graft --help')");
                err.flush();
                return ExitCode.BAD_INPUT.status();
            }
            return run(help.get(), out, err, environment, workingDirectory, server);
        }
        Optional<Integer> refused = refuseNested(args, out, err, environment, workingDirectory, server);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!args.isEmpty() && args.getFirst().equals(MakeForm.NAME)) {
            try {
                return MakeForm.run(args.subList(1, args.size()), out, err, environment, workingDirectory, server);
            } catch (GraftException e) {
                return report(e, new CliContext(out, err, environment, workingDirectory, List.of(), server),
                        !environment.getOrDefault("GRAFT_VERBOSE", "").isEmpty());
            }
        }
        Optional<Integer> cargoForm = runCargoForm(args, out, err, environment, workingDirectory, server);
        if (cargoForm.isPresent()) {
            return cargoForm.get();
        }
        int split = args.indexOf("--");
        List<String> own = split < 0 ? args : args.subList(0, split);
        List<String> passThrough = split < 0 ? List.of() : args.subList(split + 1, args.size());
        CliContext context = new CliContext(out, err, environment, workingDirectory, passThrough, server);
        CommandLine commandLine = GraftCommand.commandLine(context);
        List<ServerRequest.OtherToolchain> handBack = new ArrayList<>();
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof ServerRequest.OtherToolchain other) {
                handBack.add(other);
                return ExitCode.TOOLCHAIN.status();
            }
            return report(e, context, own.contains("--verbose"));
        });
        commandLine.setParameterExceptionHandler((e, a) -> {
            String command = commandPath(e.getCommandLine());
            err.println("graft: " + firstProblem(e) + " (see 'graft " + (command.isEmpty() ? "" : command + " ")
                    + "--help')");
            err.flush();
            return ExitCode.BAD_INPUT.status();
        });
        int status = commandLine.execute(own.toArray(String[]::new));
        out.flush();
        err.flush();
        if (!handBack.isEmpty()) {
            throw handBack.getFirst();
        }
        return status;
    }

    /**
     * The words of {@code graft help [COMMAND]} as {@code graft [COMMAND] --help}, if they name a command.
     * Not picocli's help command: that is one more command to build for every request, and its {@code -h}
     * would clash with the one every command inherits.
     */
    private static Optional<List<String>> helpAsOption(List<String> words) {
        if (words.isEmpty() || words.equals(List.of("help"))) {
            return Optional.of(List.of("--help"));
        }
        return words.size() == 1 && CargoForms.COMMAND_NAMES.contains(words.getFirst())
                ? Optional.of(List.of(words.getFirst(), "--help")) : Optional.empty();
    }

    /**
     * Stops a graft started by a rustc graft runs (see {@link NestedGraft}), except as that rustc's linker
     * (the shim) and as the server its client starts.
     */
    private static Optional<Integer> refuseNested(List<String> args, PrintWriter out, PrintWriter err,
                                                  Map<String, String> environment, Path workingDirectory,
                                                  Optional<ServerRequest> server) {
        Optional<GraftException> refusal = NestedGraft.refusal(environment);
        if (refusal.isEmpty() || !args.isEmpty() && args.getFirst().equals("server")) {
            return Optional.empty();
        }
        CliContext context = new CliContext(out, err, environment, workingDirectory, List.of(), server);
        if (CargoForms.of(args, context).equals(Optional.of(CargoForms.Form.LINKER_SHIM))) {
            return Optional.empty();
        }
        return Optional.of(report(refusal.get(), context, false));
    }

    /** cargo's wrapper form and the linker shim: no graft command, argv as cargo or rustc wrote it. */
    private static Optional<Integer> runCargoForm(List<String> args, PrintWriter out, PrintWriter err,
                                                  Map<String, String> environment, Path workingDirectory,
                                                  Optional<ServerRequest> server) {
        CliContext context = new CliContext(out, err, environment, workingDirectory, List.of(), server);
        Optional<CargoForms.Form> form = CargoForms.of(args, context);
        if (form.isEmpty()) {
            return Optional.empty();
        }
        try {
            int status = CargoForms.run(form.get(), args, context);
            out.flush();
            err.flush();
            return Optional.of(status);
        } catch (Exception e) {
            return Optional.of(report(e, context, CargoForms.verbose(context)));
        }
    }

    private static int report(Exception e, CliContext context, boolean verbose) {
        PrintWriter err = context.err();
        if (e instanceof GraftException g) {
            g.toolOutput().filter(s -> !s.isBlank()).ifPresent(output -> err.print(output.endsWith("\n")
                    ? output : output + "\n"));
            err.println("graft: " + g.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            err.flush();
            return g.status();
        }
        err.println("graft: internal error: " + e + (verbose ? "" : " (run with --verbose for details)"));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCode.TOOL_FAILED.status();
    }

    /**
     * picocli checks required options before it complains about unknown ones, so a misspelled
     * {@code --helperz} would read as a missing {@code --helpers}: the unknown word is the real mistake.
     */
    private static String firstProblem(CommandLine.ParameterException e) {
        List<String> unmatched = e.getCommandLine().getUnmatchedArguments();
        if (e instanceof CommandLine.MissingParameterException && !unmatched.isEmpty()) {
            String word = unmatched.getFirst();
            return (word.startsWith("-") ? "Unknown option: '" : "Unexpected argument: '") + word + "'";
        }
        return e.getMessage();
    }

    private static String commandPath(CommandLine commandLine) {
        List<String> names = new ArrayList<>();
        for (CommandLine c = commandLine; c != null && c.getParent() != null; c = c.getParent()) {
            names.addFirst(c.getCommandName());
        }
        return String.join(" ", names);
    }
}
