package dev.graft.cli;

import dev.graft.ExitCode;
import dev.graft.GraftException;
import dev.graft.llvm.Llvm;
import dev.graft.session.ServedElsewhere;
import dev.graft.session.Session;
import dev.graft.session.Streams;
import dev.graft.toolchain.NestedGraft;
import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintWriter;
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
        Streams streams = Streams.of(new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err));
        PrintWriter err = streams.err();
        Llvm.onFatalError(fatal -> {
            // LLVM exits the process when this returns: say so, clean up, and end it with graft's own status.
            streams.out().flush();
            err.println("graft: " + fatal.describe());
            err.flush();
            Session.cancelAll();
            Runtime.getRuntime().halt(ExitCode.LLVM_FATAL.status());
        });
        Optional<String> notUnicode = ProcessText.firstNotUnicode(args.length);
        if (notUnicode.isPresent()) {
            err.println("graft: " + notUnicode.get());
            err.flush();
            System.exit(ExitCode.BAD_INPUT.status());
        }
        Session session = Session.ofThisProcess(Path.of("").toAbsolutePath(), System.getenv(), streams,
                Optional.empty());
        session.timeline().mark("main");
        int status = run(List.of(args), session);
        session.timeline().line("graft's JVM").ifPresent(err::println);
        streams.flush();
        System.exit(status);
    }

    /** A command in this JVM, with these streams, environment and directory (the tests' entry). */
    public static int run(List<String> args, PrintWriter out, PrintWriter err, Map<String, String> environment,
                          Path workingDirectory) {
        return run(args, Session.ofThisProcess(workingDirectory, environment, Streams.ofText(out, err),
                Optional.empty()));
    }

    /**
     * Runs one graft command in {@code session}, wherever that is: a JVM of its own, or a server's request.
     *
     * @throws ServedElsewhere the command needs a toolchain this JVM cannot serve
     */
    public static int run(List<String> args, Session session) {
        int status = session.run(() -> execute(args, session));
        session.timeline().mark("done");
        return status;
    }

    private static int execute(List<String> args, Session session) {
        PrintWriter out = session.streams().out();
        PrintWriter err = session.streams().err();
        if (!args.isEmpty() && args.getFirst().equals("help")) {
            Optional<List<String>> help = helpAsOption(args.subList(1, args.size()));
            if (help.isEmpty()) {
                err.println("graft: 'graft help' takes one of the commands " + String.join(", ",
                        new TreeSet<>(CargoForms.COMMAND_NAMES)) + " (see 'graft --help')");
                err.flush();
                return ExitCode.BAD_INPUT.status();
            }
            return execute(help.get(), session);
        }
        Optional<Integer> refused = refuseNested(args, session);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!args.isEmpty() && args.getFirst().equals(MakeForm.NAME)) {
            try {
                return MakeForm.run(args.subList(1, args.size()), session);
            } catch (GraftException e) {
                return report(e, new CliContext(session, List.of()),
                        !session.environment().getOrDefault("GRAFT_VERBOSE", "").isEmpty());
            }
        }
        Optional<Integer> cargoForm = runCargoForm(args, session);
        if (cargoForm.isPresent()) {
            return cargoForm.get();
        }
        int split = args.indexOf("--");
        List<String> own = split < 0 ? args : args.subList(0, split);
        List<String> passThrough = split < 0 ? List.of() : args.subList(split + 1, args.size());
        CliContext context = new CliContext(session, passThrough);
        List<ServedElsewhere> handBack = new ArrayList<>();
        int status;
        try (GraftCommand.Loan loan = GraftCommand.lend(own)) {
            CommandLine commandLine = loan.commandLine();
            commandLine.setOut(out);
            commandLine.setErr(err);
            commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
                if (e instanceof ServedElsewhere other) {
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
            status = context.run(() -> commandLine.execute(own.toArray(String[]::new)));
        }
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
    private static Optional<Integer> refuseNested(List<String> args, Session session) {
        Optional<GraftException> refusal = NestedGraft.refusal(session.environment());
        if (refusal.isEmpty() || !args.isEmpty() && args.getFirst().equals("server")) {
            return Optional.empty();
        }
        CliContext context = new CliContext(session, List.of());
        if (CargoForms.of(args, context).equals(Optional.of(CargoForms.Form.LINKER_SHIM))) {
            return Optional.empty();
        }
        return Optional.of(report(refusal.get(), context, false));
    }

    /** cargo's wrapper form and the linker shim: no graft command, argv as cargo or rustc wrote it. */
    private static Optional<Integer> runCargoForm(List<String> args, Session session) {
        CliContext context = new CliContext(session, List.of());
        Optional<CargoForms.Form> form = CargoForms.of(args, context);
        if (form.isEmpty()) {
            return Optional.empty();
        }
        try {
            int status = CargoForms.run(form.get(), args, context);
            session.streams().flush();
            return Optional.of(status);
        } catch (ServedElsewhere e) {
            throw e;
        } catch (Exception e) {
            return Optional.of(report(e, context, CargoForms.verbose(context)));
        }
    }

    private static int report(Exception e, CliContext context, boolean verbose) {
        PrintWriter err = context.err();
        if (e instanceof GraftException g && g.exitCode() == ExitCode.CANCELLED) {
            return g.status(); // the signal that cancelled the command says it; nothing was written after it
        }
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
