package dev.graft.report;

import java.util.List;
import java.util.Map;

/** The report for a person: one headline, the per-helper table, then every call left and why. */
public final class ReportText {

    private ReportText() {
    }

    public static String headline(InliningReport report) {
        return "inlined " + report.callSites().inlined() + "/" + report.callSites().total()
                + " helper call sites (" + report.backend() + " backend)";
    }

    public static String render(InliningReport report) {
        StringBuilder out = new StringBuilder();
        out.append("crate ").append(report.crate()).append(": ").append(headline(report)).append('\n');
        out.append("helpers: ").append(report.helpers().available()).append(" available, ")
                .append(report.helpers().referenced()).append(" referenced; LLVM ").append(report.llvm()).append('\n');
        for (InliningReport.HelperOutcome h : report.perHelper()) {
            out.append(String.format("  %-40s %3d call site%s  %s%n", h.helper(), h.callSites(),
                    h.callSites() == 1 ? " " : "s", h.fullyInlined() ? "inlined"
                            : "NOT inlined (" + h.callsLeft() + " call" + (h.callsLeft() == 1 ? "" : "s") + " left)"));
        }
        for (InliningReport.NotInlined n : report.notInlined()) {
            out.append("  not inlined: ").append(n.callee()).append(" in ").append(n.caller()).append(": ")
                    .append(n.reason()).append('\n');
        }
        for (Reconciliation r : report.reconciliations() == null ? List.<Reconciliation>of() : report.reconciliations()) {
            out.append("  reconciled by ").append(r.by()).append(": ").append(r.attribute()).append(" on ")
                    .append(r.function()).append(": ").append(r.change()).append(" (").append(r.reason()).append(")\n");
        }
        if (!report.helperSymbolsInObject().isEmpty()) {
            out.append("  helper copies left in the object: ")
                    .append(String.join(", ", report.helperSymbolsInObject())).append('\n');
        }
        InliningReport.CodeGeneration generated = report.codeGeneration();
        if (generated != null) {
            out.append("  code generated again: ").append(generated.scope())
                    .append(generated.functions() == null ? "" : " (" + generated.functions() + ")")
                    .append(generated.because() == null ? "" : ": " + generated.because()).append('\n');
        }
        if (!report.timingsMs().isEmpty()) {
            out.append("  time:");
            for (Map.Entry<String, Long> t : report.timingsMs().entrySet()) {
                out.append(' ').append(t.getKey()).append(' ').append(t.getValue()).append(" ms");
            }
            out.append('\n');
        }
        return out.toString();
    }
}
