package dev.graft.pipeline;

import dev.graft.GraftException;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.report.ObjectContents;
import dev.graft.report.ObjectInspector;
import dev.graft.report.ReportBuilder;
import dev.graft.toolchain.LlvmTools;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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

    public InliningReport build(Path crateBitcode, HelperLibrary helpers, CodegenOptions codegen, Path destination,
                                String crateName, Workspace workspace, Map<String, Long> earlierTimings)
            throws GraftException {
        Path temp = AtomicOutput.temporarySibling(destination);
        try {
            LinkResult result = backend.link(new LinkRequest(crateBitcode, helpers, codegen, temp,
                    workspace.directory()));
            long inspectStart = System.nanoTime();
            ObjectContents contents = inspector.inspect(temp);
            Map<String, Long> timings = new LinkedHashMap<>(earlierTimings);
            timings.putAll(result.timingsMs());
            timings.put("inspect", ToolsBackend.elapsedMs(inspectStart));
            InliningReport report = ReportBuilder.build(new ReportBuilder.BuildFacts(backend.name(),
                    result.llvmVersion(), crateName, helpers.helpers(), result.referencedHelpers(),
                    result.helperCallSites(), result.remarks(), timings), contents);
            AtomicOutput.commit(temp, destination);
            return report;
        } finally {
            AtomicOutput.discard(temp);
        }
    }
}
