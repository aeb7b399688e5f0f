package dev.graft.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The report of one crate build, in the JSON shape docs/report.md documents (docs/report.schema.json).
 * "Inlined" counts come from the object: a call site counts as inlined when no call to its helper
 * is left in the object's code.
 */
public record InliningReport(
        String backend,
        String llvm,
        String crate,
        HelperCounts helpers,
        @JsonProperty("call_sites") CallSiteCounts callSites,
        @JsonProperty("not_inlined") List<NotInlined> notInlined,
        @JsonProperty("helper_symbols_in_object") List<String> helperSymbolsInObject,
        @JsonProperty("per_helper") List<HelperOutcome> perHelper,
        List<Reconciliation> reconciliations,
        @JsonProperty("timings_ms") Map<String, Long> timingsMs,
        @JsonProperty("helpers_file") @JsonInclude(JsonInclude.Include.NON_NULL) String helpersFile,
        @JsonProperty("code_generation") @JsonInclude(JsonInclude.Include.NON_NULL) CodeGeneration codeGeneration) {

    /** The same report naming the helper file (the library or one of its variants) the crate was built with. */
    public InliningReport withHelpersFile(String file) {
        return new InliningReport(backend, llvm, crate, helpers, callSites, notInlined, helperSymbolsInObject,
                perHelper, reconciliations, timingsMs, file, codeGeneration);
    }

    /**
     * For a codegen unit whose object rustc wrote (under cargo): whether graft generated code again only for the
     * functions inlining changed ({@code functions} of them, beside rustc's object), or for the whole unit, and
     * then why. Absent where graft writes the only object ({@code graft rustc}, {@code graft link}).
     */
    public record CodeGeneration(String scope, @JsonInclude(JsonInclude.Include.NON_NULL) Integer functions,
                                 @JsonInclude(JsonInclude.Include.NON_NULL) String because) {

        public static final String CHANGED_FUNCTIONS = "changed functions";
        public static final String WHOLE_UNIT = "whole unit";

        public static CodeGeneration changedFunctions(int functions) {
            return new CodeGeneration(CHANGED_FUNCTIONS, functions, null);
        }

        public static CodeGeneration wholeUnit(String because) {
            return new CodeGeneration(WHOLE_UNIT, null, because);
        }
    }

    public record HelperCounts(int available, int referenced) {
    }

    public record CallSiteCounts(int total, int inlined) {
    }

    public record NotInlined(String caller, String callee, String reason) {
    }

    /** For one referenced helper: its call sites in the crate's bitcode and the calls left in the object. */
    public record HelperOutcome(String helper, @JsonProperty("call_sites") int callSites,
                                @JsonProperty("calls_left") int callsLeft) {
        public boolean fullyInlined() {
            return callsLeft == 0;
        }
    }

    public boolean allInlined() {
        return callSites.inlined() == callSites.total() && notInlined.isEmpty();
    }
}
