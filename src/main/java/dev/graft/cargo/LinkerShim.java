package dev.graft.cargo;

import dev.graft.GraftException;
import dev.graft.files.FileBytes;
import dev.graft.files.Workspace;
import dev.graft.job.CrateJob;
import dev.graft.process.Command;
import dev.graft.process.ProcessRunner;
import dev.graft.rustc.RustcInvocation;
import dev.graft.toolchain.Toolchain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The linker rustc runs for a binary, cdylib, dylib or test harness when graft wraps it ({@code -C
 * linker=graft}, with {@value ShimConfig#ENVIRONMENT} set): swaps the crate's codegen-unit objects
 * on the link line for objects with the helpers inlined, then runs the real linker with the rest of
 * the line unchanged and returns its status. rustc shows a linker's output only when it fails, so the
 * shim's warnings and reports go back to the wrapper through the shim directory.
 */
public final class LinkerShim {

    private LinkerShim() {
    }

    public static int run(List<String> linkerArgs, Path shimDirectory, Map<String, String> environment,
                          Path workingDirectory, ProcessRunner runner)
            throws GraftException {
        ShimConfig config = ShimConfig.read(shimDirectory);
        List<String> args = new ArrayList<>(linkerArgs);
        try (Workspace workspace = Workspace.create(Optional.of(shimDirectory.resolve("link")))) {
            swapUnits(config, args, environment, workingDirectory, runner, workspace);
            // The objects must outlive the link: the workspace is kept (it is inside the wrapper's scratch).
            return runner.runInheritingIo(Command.of(Path.of(config.realLinker()), args)
                    .inDirectory(workingDirectory));
        }
    }

    private static void swapUnits(ShimConfig config, List<String> args, Map<String, String> environment,
                                  Path workingDirectory, ProcessRunner runner, Workspace workspace)
            throws GraftException {
        List<String> names = args.stream().filter(a -> a.endsWith(".rcgu.o")).map(a -> Path.of(a).getFileName()
                .toString()).toList();
        CodegenUnits.Pairing pairing = CodegenUnits.pair(names, config.stem(), config.outDir());
        List<String> warnings = new ArrayList<>(pairing.warnings());
        if (pairing.units().stream().allMatch(u -> u.bitcode().isEmpty())) {
            note(config, warnings);
            return;
        }
        Toolchain toolchain = CrateSetup.toolchain(config.rustc(), environment, workingDirectory, runner);
        CrateJob job = CrateSetup.job(toolchain, config.helpers(), RustcInvocation.ofExpanded(config.rustcArgs()),
                workingDirectory, config.settings(), config.crateName(), runner, workspace);
        for (CodegenUnits.Unit unit : pairing.units()) {
            int index = indexOf(args, unit.objectName());
            if (unit.bitcode().isEmpty()) {
                if (job.mayReference(workingDirectory.resolve(args.get(index)))) {
                    warnings.add(unit.objectName() + " may call helpers but rustc wrote no bitcode for it: "
                            + "it stays as rustc compiled it");
                }
                continue;
            }
            Path rustcObject = workingDirectory.resolve(args.get(index));
            Optional<CrateJob.GraftedUnit> grafted = job.graftUnit(unit.objectName(), unit.bitcode().get(),
                    Optional.of(FileBytes.read(rustcObject)), workspace);
            if (grafted.isPresent()) {
                args.set(index, grafted.get().object().toString());
                // The patch right after the object it completes: one object's place on the line.
                grafted.get().patch().ifPresent(patch -> args.add(index + 1, patch.toString()));
                ReportFiles.write(config.reportDirectory().resolve(unit.objectName() + ".json"),
                        grafted.get().report());
            }
        }
        note(config, warnings);
    }

    private static int indexOf(List<String> args, String objectName) {
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).endsWith(".rcgu.o") && Path.of(args.get(i)).getFileName().toString().equals(objectName)) {
                return i;
            }
        }
        throw new IllegalStateException(objectName + " is not on the link line");
    }

    private static void note(ShimConfig config, List<String> warnings) throws GraftException {
        if (warnings.isEmpty()) {
            return;
        }
        try {
            Files.writeString(config.warningsFile(), String.join("\n", warnings) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw GraftException.io("cannot write " + config.warningsFile(), e);
        }
    }
}
