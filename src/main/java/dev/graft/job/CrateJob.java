package dev.graft.job;

import dev.graft.GraftException;
import dev.graft.cache.Sha256;
import dev.graft.files.FileBytes;
import dev.graft.files.Workspace;
import dev.graft.helpers.HelperLibrary;
import dev.graft.link.Backend;
import dev.graft.link.CodegenOptions;
import dev.graft.link.ObjectBuilder;
import dev.graft.link.inprocess.LibraryContents;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.session.Session;
import dev.graft.toolchain.Toolchain;
import dev.graft.toolchain.ToolchainLocator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One crate's job: its toolchain, helper library, backend and code generation options, and the one step
 * every entry point runs with them, a unit's bitcode in and its object and report out
 * ({@link #build}, or {@link #graftUnit} for a unit that keeps rustc's object when it calls no helper).
 * Whatever started graft ({@code graft rustc}, {@code graft link}, the cargo wrapper or its linker shim), the
 * job is made here, with the toolchain and helper library the session's memo remembers.
 */
public final class CrateJob {

    /**
     * A unit's new object, what happened to its helper calls, and, when only the functions inlining changed were
     * generated again, the object holding them, which must be linked beside {@code object} (rustc's object
     * without them).
     */
    public record GraftedUnit(String objectName, Path object, Optional<Path> patch, InliningReport report) {

        /** The objects that stand for rustc's one object of the unit, in link order. */
        public List<Path> objects() {
            List<Path> objects = new ArrayList<>(List.of(object));
            patch.ifPresent(objects::add);
            return objects;
        }
    }

    private final Toolchain toolchain;
    private final HelperLibrary helpers;
    private final Backend backend;
    private final CodegenOptions codegen;
    private final String crateName;
    private final ObjectBuilder objectBuilder;

    private CrateJob(Toolchain toolchain, HelperLibrary helpers, Backend backend, CodegenOptions codegen,
                     String crateName, ProcessRunner runner) {
        this.toolchain = toolchain;
        this.helpers = helpers;
        this.backend = backend;
        this.codegen = codegen;
        this.crateName = crateName;
        this.objectBuilder = new ObjectBuilder(backend, toolchain.llvm(), runner);
    }

    /** The job for a crate whose helper library is already chosen ({@code graft rustc}'s variant, say). */
    public static CrateJob of(Toolchain toolchain, HelperLibrary helpers, BackendSettings settings,
                              CodegenOptions codegen, String crateName, ProcessRunner runner) throws GraftException {
        return new CrateJob(toolchain, helpers, settings.create(toolchain, runner), codegen, crateName, runner);
    }

    /**
     * The job for a crate with these helper files: one is the library; several are linked into one first
     * (into {@code workspace}), as a crate of several build scripts' helpers has them.
     */
    public static CrateJob prepare(Toolchain toolchain, List<Path> helperFiles, BackendSettings settings,
                                   CodegenOptions codegen, String crateName, ProcessRunner runner, Workspace workspace)
            throws GraftException {
        Path library = helperFiles.size() == 1 ? helperFiles.getFirst()
                : combined(helperFiles, toolchain, runner, workspace);
        return of(toolchain, helperLibrary(library, toolchain, runner, settings), settings, codegen, crateName, runner);
    }

    /** The toolchain {@code locator} finds, as the session's memo remembers it when it has one. */
    public static Toolchain toolchain(ToolchainLocator locator, Map<String, String> environment,
                                      Path workingDirectory) throws GraftException {
        Optional<dev.graft.session.Memo> memo = Session.current().memo();
        return memo.isPresent() ? WarmFacts.locate(memo.get(), locator, environment, workingDirectory)
                : locator.locate();
    }

    /**
     * The helper library in {@code file}, read through libLLVM in this process for the in-process backend
     * (llvm-dis for the tools backend, which needs no libLLVM), and remembered by the session's memo while
     * the file is unchanged.
     */
    public static HelperLibrary helperLibrary(Path file, Toolchain toolchain, ProcessRunner runner,
                                              BackendSettings settings) throws GraftException {
        Optional<HelperLibrary.Reader> inProcess = settings.name().equals("inprocess")
                ? LibraryContents.forTools(toolchain.llvm()) : Optional.empty();
        HelperLibrary.Reader reader = inProcess.orElse(HelperLibrary.disassembling(toolchain.llvm(), runner));
        Optional<dev.graft.session.Memo> memo = Session.current().memo();
        if (memo.isEmpty()) {
            return HelperLibrary.open(file, reader);
        }
        return WarmFacts.helperLibrary(memo.get(), file, toolchain, () -> {
            HelperLibrary library = HelperLibrary.open(file, reader);
            if (inProcess.isEmpty()) {
                // Read now: a later request must not run llvm-dis with this request's runner.
                library.facts();
            }
            return library;
        });
    }

    public Toolchain toolchain() {
        return toolchain;
    }

    public HelperLibrary helpers() {
        return helpers;
    }

    public CodegenOptions codegen() {
        return codegen;
    }

    /** Does ahead, beside rustc, what the backend needs first ({@link Backend#prepare}); never fails. */
    public void prepareBackend() {
        backend.prepare();
    }

    /** What of the crate's code generation options the backend does not apply ({@link Backend#unappliedOptions}). */
    public Optional<String> unappliedOptions() {
        return backend.unappliedOptions(codegen);
    }

    /**
     * Links the helpers into one unit's bitcode and writes its object at {@code destination}; with
     * {@code inspect}, reads the object back for the report ({@link ObjectBuilder#build}).
     */
    public Optional<InliningReport> build(Path bitcode, Path destination, Workspace workspace,
                                          Map<String, Long> earlierTimings, boolean inspect) throws GraftException {
        return objectBuilder.build(bitcode, helpers, codegen, destination, crateName, workspace, earlierTimings,
                inspect);
    }

    /**
     * The unit's new object, in {@code workspace}, named as rustc named its own; empty when its bitcode
     * references no helper, and the unit keeps rustc's object. With {@code rustcObject} (rustc's object of the
     * unit) only the functions inlining changed are generated again, into a second object named after the
     * unit, and the first is rustc's without them ({@link ObjectBuilder#buildUnit}).
     */
    public Optional<GraftedUnit> graftUnit(String objectName, Path bitcode, Optional<byte[]> rustcObject,
                                           Workspace workspace) throws GraftException {
        if (!mayReference(bitcode)) {
            return Optional.empty();
        }
        Path directory = workspace.file("units");
        Path object = directory.resolve(objectName);
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw GraftException.io("cannot create " + directory, e);
        }
        GraftedUnit grafted;
        if (rustcObject.isPresent()) {
            ObjectBuilder.UnitObjects built = objectBuilder.buildUnit(bitcode, helpers, codegen, rustcObject.get(),
                    unitTag(objectName), object, directory.resolve(patchName(objectName)), crateName, workspace);
            grafted = new GraftedUnit(objectName, built.object(), built.patch(), built.report());
        } else {
            Optional<InliningReport> report = build(bitcode, object, workspace, Map.of(), true);
            if (report.isEmpty()) {
                return Optional.empty();
            }
            grafted = new GraftedUnit(objectName, object, Optional.empty(), report.get());
        }
        // The name scan can match a longer name that merely contains a helper's: then LLVM found no reference.
        return grafted.report().helpers().referenced() == 0 ? Optional.empty() : Optional.of(grafted);
    }

    /**
     * The patch object's name: the unit's, so a reader of the archive or link line sees where it belongs, but not
     * ending in {@code .rcgu.o}, which rustc and graft take for a codegen unit of their own.
     */
    static String patchName(String objectName) {
        return objectName.replaceFirst("\\.rcgu\\.o$", "") + ".graft.o";
    }

    /** Unique to the unit across a whole program: rustc's unit names carry the crate's hash. */
    private static String unitTag(String objectName) {
        return new Sha256().add(objectName).hex().substring(0, 16);
    }

    /** Whether any of the files may reference a helper: a crate that calls none needs no archive listing. */
    public boolean mayReference(Collection<Path> files) throws GraftException {
        for (Path file : files) {
            if (mayReference(file)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an object or bitcode file may reference a helper, from a scan of its bytes for the helpers'
     * names (bitcode and objects keep symbol names verbatim): no LLVM for a unit that calls none.
     */
    public boolean mayReference(Path file) throws GraftException {
        String bytes = new String(FileBytes.read(file), StandardCharsets.ISO_8859_1);
        return helpers.facts().helpers().stream().anyMatch(bytes::contains);
    }

    private static Path combined(List<Path> helperFiles, Toolchain toolchain, ProcessRunner runner,
                                 Workspace workspace) throws GraftException {
        Path library = workspace.file("graft-helpers-combined.bc");
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
        return library;
    }
}
