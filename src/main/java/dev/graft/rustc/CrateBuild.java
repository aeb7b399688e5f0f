package dev.graft.rustc;

import dev.graft.GraftException;
import dev.graft.session.Session;
import dev.graft.files.AtomicOutput;
import dev.graft.files.DistinctFiles;
import dev.graft.files.OutputTarget;
import dev.graft.files.Workspace;
import dev.graft.helpers.HelperLibrary;
import dev.graft.job.BackendSettings;
import dev.graft.job.CrateJob;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.report.StepTimes;
import dev.graft.toolchain.NestedGraft;
import dev.graft.toolchain.Toolchain;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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
    private final Path workingDirectory;
    private final Map<String, String> environment;

    /** {@code environment}: what rustc runs with (graft's own, as given to the command). */
    public CrateBuild(Toolchain toolchain, ProcessRunner runner, Path workingDirectory,
                      Map<String, String> environment) {
        this.toolchain = toolchain;
        this.runner = runner;
        this.workingDirectory = workingDirectory;
        this.environment = environment;
    }

    /**
     * Builds the crate; rustc's own output goes to {@code out}/{@code err} as rustc wrote it. The report
     * is made only when {@code wantReport}.
     *
     * <p>rustc writes its dep-info into the scratch directory; graft rewrites it to name the object and
     * replaces the user's dep-info only once rustc has succeeded, just before it makes the object. So
     * the dep-info never names graft's scratch bitcode, and a run that fails or is stopped leaves either
     * the old pair, or the new dependency list beside the old object: the change that started the
     * rebuild is newer than that object, so make rebuilds it.
     */
    public Optional<InliningReport> build(RustcInvocation rustcArgs, HelperLibrary helpers, BackendSettings settings,
                                          Optional<Path> keepTemps, boolean wantReport, PrintWriter out,
                                          PrintWriter err) throws GraftException {
        RustcCommandLine commandLine = parse(rustcArgs);
        requireDistinctFiles(commandLine, helpers.bitcode(), List.of());
        // One unit, written in place: the crate's job as every entry point makes it.
        CrateJob job = CrateJob.of(toolchain, helpers, settings, commandLine.codegen(), commandLine.crateName(),
                runner);
        try (Workspace workspace = Workspace.create(keepTemps, Workspace.root(environment))) {
            Optional<Path> requestedBitcode = commandLine.requestedBitcodePath().map(workingDirectory::resolve);
            // rustc writes the bitcode graft reads where the user asked for it, unless that is a device.
            boolean rustcWritesRequested = requestedBitcode.isPresent()
                    && OutputTarget.of(requestedBitcode.get()).replaces();
            Path bitcode = (rustcWritesRequested ? requestedBitcode.get()
                    : workspace.file(commandLine.crateName() + ".bc")).toAbsolutePath();
            Map<EmitKind, Path> viaScratch = outputsViaScratch(commandLine, workspace);
            commandLine.codegenUnitsNote().ifPresent(note -> err.println("graft: note: " + note));
            job.unappliedOptions().ifPresent(note -> err.println("graft: note: " + note));
            long start = System.nanoTime();
            runRustc(commandLine.withBitcodeInsteadOfObject(bitcode, workspace.directory(), viaScratch), out, err);
            long rustcMs = StepTimes.elapsedMs(start);
            Session.current().cancellation().check();
            if (!Files.isRegularFile(bitcode)) {
                throw GraftException.toolFailed("rustc exited 0 but wrote no bitcode at " + bitcode, "");
            }
            putInPlace(viaScratch, commandLine, bitcode);
            Path object = workingDirectory.resolve(commandLine.objectPath());
            Optional<InliningReport> report = job.build(bitcode, object, workspace, Map.of("rustc", rustcMs),
                    wantReport);
            if (requestedBitcode.isPresent() && !rustcWritesRequested) {
                AtomicOutput.copy(bitcode, requestedBitcode.get());
            }
            return report;
        }
    }

    /**
     * The outputs rustc writes into the scratch directory for graft to put in place: the dep-info
     * (which graft rewrites), and any output going to a device or stream, which rustc would replace
     * with a file for some kinds ({@code --emit=metadata=/dev/null}).
     */
    private Map<EmitKind, Path> outputsViaScratch(RustcCommandLine commandLine, Workspace workspace)
            throws GraftException {
        Map<EmitKind, Path> viaScratch = new EnumMap<>(EmitKind.class);
        for (Map.Entry<EmitKind, Path> output : commandLine.outputs().entrySet()) {
            EmitKind kind = output.getKey();
            if (kind != EmitKind.OBJ && kind != EmitKind.LLVM_BC && (kind == EmitKind.DEP_INFO
                    || !OutputTarget.of(workingDirectory.resolve(output.getValue())).replaces())) {
                viaScratch.put(kind, workspace.file(commandLine.crateName() + "." + kind.spelling()));
            }
        }
        return viaScratch;
    }

    private void putInPlace(Map<EmitKind, Path> viaScratch, RustcCommandLine commandLine, Path bitcode)
            throws GraftException {
        // rustc names each output it wrote as a target: graft's paths become the ones the user gave.
        Map<Path, Path> targets = new HashMap<>(Map.of(bitcode, commandLine.objectPath()));
        viaScratch.forEach((kind, scratch) -> targets.put(scratch, commandLine.outputs().get(kind)));
        for (Map.Entry<EmitKind, Path> output : viaScratch.entrySet()) {
            Path destination = workingDirectory.resolve(commandLine.outputs().get(output.getKey()));
            if (output.getKey() == EmitKind.DEP_INFO) {
                AtomicOutput.writeString(destination, retargetDepInfo(output.getValue(), targets));
            } else {
                AtomicOutput.copy(output.getValue(), destination);
            }
        }
    }

    /**
     * Refuses (exit 2), before anything is written, a command whose outputs (rustc's, and
     * {@code moreOutputs} such as graft's report) would overwrite the crate source, the helper library
     * or each other.
     */
    public void requireDistinctFiles(RustcInvocation rustcArgs, Path helpers, List<DistinctFiles.Role> moreOutputs)
            throws GraftException {
        requireDistinctFiles(parse(rustcArgs), helpers, moreOutputs);
    }

    private void requireDistinctFiles(RustcCommandLine commandLine, Path helpers, List<DistinctFiles.Role> moreOutputs)
            throws GraftException {
        List<DistinctFiles.Role> inputs = new ArrayList<>();
        commandLine.input().ifPresent(in -> inputs.add(new DistinctFiles.Role("the crate source", in)));
        inputs.add(new DistinctFiles.Role("the helper library", helpers));
        List<DistinctFiles.Role> outputs = new ArrayList<>();
        commandLine.outputs().forEach((kind, path) -> outputs.add(new DistinctFiles.Role(
                kind == EmitKind.OBJ ? "the object" : "the --emit=" + kind.spelling() + " output", path)));
        outputs.addAll(moreOutputs);
        DistinctFiles.require(workingDirectory, inputs, outputs);
    }

    private RustcCommandLine parse(RustcInvocation rustcArgs) throws GraftException {
        return RustcCommandLine.of(rustcArgs, toolchain.rustc().hostTriple(), workingDirectory);
    }

    private void runRustc(List<String> argv, PrintWriter out, PrintWriter err) throws GraftException {
        CommandResult result = runner.executeInBuild(NestedGraft.marked(Command.of(
                toolchain.rustc().executable(), argv).inDirectory(workingDirectory).withEnvironmentOf(environment)));
        out.print(result.stdout());
        err.print(result.stderr());
        out.flush();
        err.flush();
        if (!result.succeeded()) {
            throw GraftException.wrappedToolExit("rustc failed with exit status " + result.exitCode(),
                    result.exitCode());
        }
    }


    /** rustc named graft's files as targets; a build system expects the user's (the object, not the bitcode). */
    private static String retargetDepInfo(Path depInfo, Map<Path, Path> targets) throws GraftException {
        try {
            String text = Files.readString(depInfo, StandardCharsets.UTF_8);
            StringBuilder fixed = new StringBuilder();
            for (String line : text.split("(?<=\n)")) {
                String mended = line;
                for (Map.Entry<Path, Path> target : targets.entrySet()) {
                    String graftTarget = escapeForMake(target.getKey().toString()) + ":";
                    if (line.startsWith(graftTarget)) {
                        mended = escapeForMake(target.getValue().toString()) + ":" + line.substring(graftTarget.length());
                    }
                }
                fixed.append(mended);
            }
            return fixed.toString();
        } catch (IOException e) {
            throw GraftException.io("cannot read rustc's dep-info " + depInfo, e);
        }
    }

    /** rustc escapes spaces in dep-info paths with a backslash, as make expects. */
    private static String escapeForMake(String path) {
        return path.replace(" ", "\\ ");
    }
}
