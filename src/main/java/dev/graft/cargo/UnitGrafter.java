package dev.graft.cargo;

import dev.graft.GraftException;
import dev.graft.files.Workspace;
import dev.graft.helpers.HelperLibrary;
import dev.graft.link.Backend;
import dev.graft.link.CodegenOptions;
import dev.graft.link.ObjectBuilder;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.toolchain.Toolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Generates, for each codegen unit whose bitcode calls a helper, an object with the helpers inlined,
 * named like rustc's object, in a scratch directory. A unit that calls none keeps rustc's object: its
 * bitcode is only scanned for the helpers' names, which costs no LLVM.
 */
public final class UnitGrafter {

    /** A unit's new object and what happened to its helper calls. */
    public record GraftedUnit(String objectName, Path object, InliningReport report) {
    }

    private final HelperLibrary helpers;
    private final CodegenOptions codegen;
    private final Backend backend;
    private final ObjectBuilder objectBuilder;
    private final String crateName;
    private final Workspace workspace;

    private UnitGrafter(HelperLibrary helpers, CodegenOptions codegen, Backend backend, ObjectBuilder objectBuilder,
                        String crateName, Workspace workspace) {
        this.helpers = helpers;
        this.codegen = codegen;
        this.backend = backend;
        this.objectBuilder = objectBuilder;
        this.crateName = crateName;
        this.workspace = workspace;
    }

    /** Reads the helper files (linked into one module when there are several) for this crate's units. */
    public static UnitGrafter create(List<Path> helperFiles, CodegenOptions codegen, Toolchain toolchain,
                                     ProcessRunner runner, Backend backend, String crateName, Workspace workspace)
            throws GraftException {
        Path library = helperFiles.getFirst();
        if (helperFiles.size() > 1) {
            library = workspace.file("graft-helpers-combined.bc");
            // llvm-link copies a linkonce_odr definition only when something already linked references it, and
            // nothing does: every helper would be dropped. Files linked with --override are copied whole.
            List<String> args = new ArrayList<>(List.of(helperFiles.getFirst().toString()));
            helperFiles.forEach(file -> args.addAll(List.of("--override", file.toString())));
            args.addAll(List.of("-o", library.toString()));
            CommandResult result = runner.execute(Command.of(toolchain.llvm().llvmLink(), args));
            if (!result.succeeded()) {
                throw GraftException.toolFailed("llvm-link could not combine the helper files " + helperFiles,
                        result.diagnostics());
            }
        }
        return new UnitGrafter(HelperLibrary.read(library, toolchain.llvm(), runner), codegen, backend,
                new ObjectBuilder(backend, toolchain.llvm(), runner), crateName, workspace);
    }

    /** What of the crate's code generation options the backend does not apply ({@link Backend#unappliedOptions}). */
    public Optional<String> unappliedOptions() {
        return backend.unappliedOptions(codegen);
    }

    public HelperLibrary helpers() {
        return helpers;
    }

    /** The unit's new object, or empty when its bitcode references no helper. */
    public Optional<GraftedUnit> graft(CodegenUnits.Unit unit) throws GraftException {
        if (unit.bitcode().isEmpty() || !mentionsHelper(unit.bitcode().get())) {
            return Optional.empty();
        }
        Path directory = workspace.file("units");
        Path object = directory.resolve(unit.objectName());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw GraftException.io("cannot create " + directory, e);
        }
        Optional<InliningReport> report = objectBuilder.build(unit.bitcode().get(), helpers, codegen, object,
                crateName, workspace, Map.of(), true);
        // The name scan can match a longer name that merely contains a helper's: then LLVM found no reference.
        if (report.isEmpty() || report.get().helpers().referenced() == 0) {
            return Optional.empty();
        }
        return Optional.of(new GraftedUnit(unit.objectName(), object, report.get()));
    }

    /** Whether any of the files may reference a helper: a crate that calls none needs no archive listing. */
    public boolean mentionsHelper(List<Path> files) throws GraftException {
        for (Path file : files) {
            if (mentionsHelper(file)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an object or bitcode file may reference a helper (by a scan of its bytes for the names). */
    public boolean mentionsHelper(Path file) throws GraftException {
        try {
            return CodegenUnits.mentionsAny(file, helpers.facts().helpers());
        } catch (IOException e) {
            throw GraftException.io("cannot read " + file, e);
        }
    }
}
