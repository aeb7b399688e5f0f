package dev.graft.link;

import dev.graft.GraftException;
import dev.graft.files.AtomicOutput;
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
            long inspectStart = System.nanoTime();
            ObjectContents contents = inspector.inspectFor(temp, result.availableHelpers());
            Map<String, Long> timings = new LinkedHashMap<>(earlierTimings);
            timings.putAll(result.timingsMs());
            timings.put("inspect", StepTimes.elapsedMs(inspectStart));
            InliningReport report = ReportBuilder.build(new ReportBuilder.BuildFacts(backend.name(),
                    result.llvmVersion(), crateName, result.availableHelpers(), result.referencedHelpers(),
                    result.helperCallSites(), result.remarks(), result.reconciliations(), timings), contents);
            AtomicOutput.commit(temp, destination);
            Session.current().timeline().mark("report");
            return Optional.of(report);
        } finally {
            AtomicOutput.discard(temp);
        }
    }
}
