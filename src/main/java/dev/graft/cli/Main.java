package dev.graft.cli;

import dev.graft.ExitCode;
import dev.graft.GraftException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Entry point. {@link #run} is the whole program without {@code System.exit}, for tests. */
public final class Main {

    private Main() {
    }

    public static void main(String... args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
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
            err.println("graft: " + e.getMessage() + " (see 'graft " + (command.isEmpty() ? "" : command + " ")
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

    private static String commandPath(CommandLine commandLine) {
        List<String> names = new ArrayList<>();
        for (CommandLine c = commandLine; c != null && c.getParent() != null; c = c.getParent()) {
            names.addFirst(c.getCommandName());
        }
        return String.join(" ", names);
    }
}
