package dev.graft.pipeline;

import dev.graft.GraftException;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.toolchain.Toolchain;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code graft rustc}: runs the user's rustc command with its object output turned into bitcode,
 * passes rustc's diagnostics and exit status through, then has the backend produce the object where
 * rustc would have written it, and mends the dep-info file to name that object.
 */
public final class CrateBuild {

    private final Toolchain toolchain;
    private final ProcessRunner runner;
    private final ObjectBuilder objectBuilder;
    private final Path workingDirectory;
    private final Map<String, String> environment;

    /** {@code environment}: what rustc runs with (graft's own, as given to the command). */
    public CrateBuild(Toolchain toolchain, ProcessRunner runner, Backend backend, Path workingDirectory,
                      Map<String, String> environment) {
        this.toolchain = toolchain;
        this.runner = runner;
        this.objectBuilder = new ObjectBuilder(backend, toolchain.llvm(), runner);
        this.workingDirectory = workingDirectory;
        this.environment = environment;
    }

    /**
     * Builds the crate; rustc's own output goes to {@code out}/{@code err} as rustc wrote it. The report
     * is made only when {@code wantReport}.
     */
    public Optional<InliningReport> build(List<String> rustcArgs, HelperLibrary helpers, Optional<Path> keepTemps,
                                          boolean wantReport, PrintWriter out, PrintWriter err)
            throws GraftException {
        RustcCommandLine commandLine = RustcCommandLine.parse(rustcArgs, workingDirectory,
                toolchain.rustc().hostTriple());
        try (Workspace workspace = Workspace.create(keepTemps)) {
            Path bitcode = commandLine.requestedBitcodePath().map(workingDirectory::resolve)
                    .orElse(workspace.file(commandLine.crateName() + ".bc")).toAbsolutePath();
            long start = System.nanoTime();
            runRustc(commandLine.withBitcodeInsteadOfObject(bitcode, workspace.directory()), out, err);
            long rustcMs = ToolsBackend.elapsedMs(start);
            Path object = workingDirectory.resolve(commandLine.objectPath());
            Optional<InliningReport> report = objectBuilder.build(bitcode, helpers, commandLine.codegen(), object,
                    commandLine.crateName(), workspace, Map.of("rustc", rustcMs), wantReport);
            if (commandLine.depInfoPath().isPresent()) {
                retargetDepInfo(workingDirectory.resolve(commandLine.depInfoPath().get()), bitcode,
                        commandLine.objectPath());
            }
            return report;
        }
    }

    private void runRustc(List<String> argv, PrintWriter out, PrintWriter err) throws GraftException {
        CommandResult result = runner.executeInBuild(Command.of(toolchain.rustc().executable(), argv)
                .inDirectory(workingDirectory).withEnvironment(differingFromProcess(environment)));
        out.print(result.stdout());
        err.print(result.stderr());
        out.flush();
        err.flush();
        if (!result.succeeded()) {
            throw GraftException.wrappedToolExit("rustc failed with exit status " + result.exitCode(),
                    result.exitCode());
        }
    }

    /**
     * The entries of the command's environment that this process does not already have: a subprocess
     * inherits the rest, and --verbose shows only what graft itself set.
     */
    static Map<String, String> differingFromProcess(Map<String, String> environment) {
        Map<String, String> differing = new java.util.TreeMap<>();
        environment.forEach((k, v) -> {
            if (!v.equals(System.getenv(k))) {
                differing.put(k, v);
            }
        });
        return differing;
    }

    /** rustc named graft's bitcode as the target; a build system expects the object there. */
    private static void retargetDepInfo(Path depInfo, Path bitcode, Path object) throws GraftException {
        try {
            String text = Files.readString(depInfo, StandardCharsets.UTF_8);
            String target = escapeForMake(bitcode.toString()) + ":";
            StringBuilder fixed = new StringBuilder();
            for (String line : text.split("(?<=\n)")) {
                fixed.append(line.startsWith(target)
                        ? escapeForMake(object.toString()) + ":" + line.substring(target.length()) : line);
            }
            AtomicOutput.writeString(depInfo, fixed.toString());
        } catch (IOException e) {
            throw GraftException.io("cannot update dep-info " + depInfo, e);
        }
    }

    /** rustc escapes spaces in dep-info paths with a backslash, as make expects. */
    private static String escapeForMake(String path) {
        return path.replace(" ", "\\ ");
    }
}
