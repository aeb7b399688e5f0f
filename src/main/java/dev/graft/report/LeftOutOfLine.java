package dev.graft.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one line a build shows when a crate leaves helper calls out of line: the count, the first reason
 * (whose end says what to do, as graft's reasons do) and where every call is explained. Nothing when
 * every call inlined: a user who reads only the build's output still learns that graft did not do its job,
 * and one whose build is fine sees nothing new.
 *
 * <p>Under cargo the line must take the form cargo shows: cargo runs rustc with {@code --error-format=json}
 * and renders each JSON diagnostic on stderr itself (its {@code rendered} text, counted in "generated N
 * warnings"); a plain line is passed through too, but outside cargo's own warnings. So when the rustc
 * command asks for JSON diagnostics the line is one, of level {@code warning}; otherwise (make, Kbuild,
 * a shell) it is plain text on stderr.
 *
 * @param crate    the crate's name
 * @param left     call sites left out of line
 * @param total    helper call sites in the crate
 * @param reason   the first call's reason
 * @param details  where every call and its reason can be read
 */
public record LeftOutOfLine(String crate, int left, int total, String reason, String details) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The line for a crate whose units made {@code reports}; empty when every call inlined. */
    public static Optional<LeftOutOfLine> of(String crate, List<InliningReport> reports, String details) {
        int total = reports.stream().mapToInt(r -> r.callSites().total()).sum();
        int inlined = reports.stream().mapToInt(r -> r.callSites().inlined()).sum();
        if (total == inlined) {
            return Optional.empty();
        }
        String reason = reports.stream().flatMap(r -> r.notInlined().stream()).findFirst()
                .map(n -> n.callee() + " in " + n.caller() + ": " + n.reason())
                .orElse("LLVM left them with no remark");
        return Optional.of(new LeftOutOfLine(crate, total - inlined, total, reason, details));
    }

    public String message() {
        return crate + ": " + left + " of " + total + " helper call site" + (total == 1 ? "" : "s")
                + " left out of line; first: " + reason + " (" + details + ")";
    }

    /** The line as the build shows it: a JSON diagnostic for a rustc command that asks for them, else text. */
    public String render(boolean jsonDiagnostics) {
        if (!jsonDiagnostics) {
            return "graft: warning: " + message();
        }
        Map<String, Object> diagnostic = new LinkedHashMap<>();
        diagnostic.put("$message_type", "diagnostic");
        diagnostic.put("message", "graft: " + message());
        diagnostic.put("code", null);
        diagnostic.put("level", "warning");
        diagnostic.put("spans", List.of());
        diagnostic.put("children", List.of());
        diagnostic.put("rendered", "warning: graft: " + message() + "\n\n");
        try {
            return JSON.writeValueAsString(diagnostic);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings and lists always serialises", e);
        }
    }

    /**
     * Whether the line should be a JSON diagnostic for this rustc command line: it asks for JSON diagnostics
     * ({@code --error-format=json}), and its warnings are shown. cargo builds a dependency from a registry or
     * git with {@code --cap-lints allow} and drops its JSON diagnostics, but still shows plain lines: the
     * crate calling DPDK's shims is such a dependency, and its line must still be seen.
     */
    public static boolean jsonDiagnostics(List<String> rustcArgs) {
        boolean json = false;
        for (int i = 0; i < rustcArgs.size(); i++) {
            String word = rustcArgs.get(i);
            String next = i + 1 < rustcArgs.size() ? rustcArgs.get(i + 1) : "";
            if (word.equals("--error-format=json") || word.equals("--error-format") && next.equals("json")) {
                json = true;
            }
            if (word.equals("--cap-lints=allow") || word.equals("--cap-lints") && next.equals("allow")) {
                return false;
            }
        }
        return json;
    }
}
