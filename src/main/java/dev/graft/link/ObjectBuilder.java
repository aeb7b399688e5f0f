package dev.graft.link;

import dev.graft.GraftException;
import dev.graft.elf.FunctionRemoval;
import dev.graft.elf.HiddenAlias;
import dev.graft.elf.Refused;
import dev.graft.elf.Replacement;
import dev.graft.files.AtomicOutput;
import dev.graft.files.FileBytes;
import dev.graft.files.Workspace;
import dev.graft.helpers.HelperLibrary;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.report.ObjectContents;
import dev.graft.report.ObjectInspector;
import dev.graft.report.ReportBuilder;
import dev.graft.report.StepTimes;
import dev.graft.session.Session;
import dev.graft.toolchain.LlvmTools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The step {@code graft rustc} and {@code graft link} share: crate bitcode and helpers in, the
 * object at its destination (atomically) and the inlining report out.
 */
public final class ObjectBuilder {

    private final Backend backend;
    private final ObjectInspector inspector;

    public ObjectBuilder(Backend backend, LlvmTools tools, ProcessRunner runner) {
        this.backend = backend;
        this.inspector = new ObjectInspector(tools, runner);
    }

    /**
     * A codegen unit's objects when rustc's own object of it exists: rustc's object without the functions
     * inlining changed, at {@code destination}, and graft's object of those functions at {@code patchDestination}
     * (the two are linked side by side); or, when the unit cannot be patched, its whole object at
     * {@code destination} alone. Both written atomically; the report is decided from both objects.
     */
    public record UnitObjects(Path object, Optional<Path> patch, InliningReport report) {
    }

    /**
     * Builds a unit whose object rustc wrote ({@code rustcObject}), regenerating only what inlining changed
     * ({@link UnitPatch}); {@code tag} makes the hidden names of local functions unique to the unit.
     */
    public UnitObjects buildUnit(Path crateBitcode, HelperLibrary helpers, CodegenOptions codegen, byte[] rustcObject,
                                 String tag, Path destination, Path patchDestination, String crateName,
                                 Workspace workspace) throws GraftException {
        Path temp = AtomicOutput.temporaryFor(patchDestination, workspace.directory());
        Path edited = AtomicOutput.temporaryFor(destination, workspace.directory());
        try {
            LinkResult result = backend.link(new LinkRequest(crateBitcode, helpers, codegen, temp,
                    workspace.directory(), Optional.of(tag)));
            Optional<byte[]> editedObject = Optional.empty();
            if (result.patch().isPresent()) {
                try {
                    editedObject = Optional.of(edit(rustcObject, result.patch().get()));
                } catch (Refused e) {
                    // rustc's object is not one graft can edit safely: the unit is generated whole instead.
                    result = backend.link(new LinkRequest(crateBitcode, helpers, codegen, temp,
                            workspace.directory())).generatedWholeBecause("graft cannot edit rustc's object "
                            + "of the unit safely: " + e.getMessage());
                }
            }
            Session.current().timeline().mark("object");
            if (editedObject.isEmpty()) {
                InliningReport report = inspected(result, crateName, Map.of(), temp, Optional.empty(),
                        Optional.of(InliningReport.CodeGeneration.wholeUnit(result.wholeUnitBecause().orElse(
                                "the backend generated the whole unit"))));
                AtomicOutput.commit(temp, destination);
                return new UnitObjects(destination, Optional.empty(), report);
            }
            FileBytes.write(edited, editedObject.get());
            InliningReport report = inspected(result, crateName, Map.of(), edited, Optional.of(temp),
                    Optional.of(InliningReport.CodeGeneration.changedFunctions(result.patch().orElseThrow()
                            .replaced().size())));
            AtomicOutput.commit(edited, destination);
            AtomicOutput.commit(temp, patchDestination);
            return new UnitObjects(destination, Optional.of(patchDestination), report);
        } finally {
            AtomicOutput.discard(temp);
            AtomicOutput.discard(edited);
        }
    }

    /** rustc's object without the patch's functions, pointed at the patch's definitions. */
    private static byte[] edit(byte[] rustcObject, UnitPatch patch) throws Refused {
        List<Replacement> replacements = new ArrayList<>();
        patch.replaced().forEach((symbol, name) -> replacements.add(new Replacement(symbol, name)));
        List<HiddenAlias> aliases = new ArrayList<>();
        patch.aliased().forEach((symbol, name) -> aliases.add(new HiddenAlias(symbol, name)));
        return FunctionRemoval.apply(rustcObject, replacements, aliases);
    }

    /**
     * The report decided from the object written ({@code object}), or from rustc's edited object and the
     * patch beside it read as one, the patch's hidden names read as rustc's.
     */
    private InliningReport inspected(LinkResult result, String crateName, Map<String, Long> earlierTimings,
                                     Path object, Optional<Path> patch,
                                     Optional<InliningReport.CodeGeneration> codeGeneration) throws GraftException {
        long inspectStart = System.nanoTime();
        ObjectContents contents = inspector.inspectFor(object, result.availableHelpers());
        if (patch.isPresent()) {
            Map<String, String> original = result.patch().orElseThrow().originalNames();
            contents = ObjectContents.joined(contents, inspector.inspectFor(patch.get(), result.availableHelpers()),
                    name -> original.getOrDefault(name, name));
        }
        Map<String, Long> timings = new LinkedHashMap<>(earlierTimings);
        timings.putAll(result.timingsMs());
        timings.put("inspect", StepTimes.elapsedMs(inspectStart));
        InliningReport report = ReportBuilder.build(new ReportBuilder.BuildFacts(backend.name(),
                result.llvmVersion(), crateName, result.availableHelpers(), result.referencedHelpers(),
                result.helperCallSites(), result.remarks(), result.reconciliations(), timings, codeGeneration),
                contents);
        Session.current().timeline().mark("report");
        return report;
    }

    /**
     * Links and emits the object; with {@code inspect}, also reads it back for the report (two more
     * tool runs, which a build that wants no report need not pay for).
     */
    public Optional<InliningReport> build(Path crateBitcode, HelperLibrary helpers, CodegenOptions codegen,
                                          Path destination, String crateName, Workspace workspace,
                                          Map<String, Long> earlierTimings, boolean inspect) throws GraftException {
        Path temp = AtomicOutput.temporaryFor(destination, workspace.directory());
        try {
            LinkResult result = backend.link(new LinkRequest(crateBitcode, helpers, codegen, temp,
                    workspace.directory()));
            Session.current().timeline().mark("object");
            if (!inspect) {
                AtomicOutput.commit(temp, destination);
                return Optional.empty();
            }
            InliningReport report = inspected(result, crateName, earlierTimings, temp, Optional.empty(),
                    Optional.empty());
            AtomicOutput.commit(temp, destination);
            return Optional.of(report);
        } finally {
            AtomicOutput.discard(temp);
        }
    }
}
