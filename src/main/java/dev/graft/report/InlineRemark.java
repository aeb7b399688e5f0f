package dev.graft.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of LLVM's inliner remarks ({@code -Rpass=inline}, {@code -Rpass-missed=inline}), or graft's own decision
 * about a call: whether {@code callee} was inlined into {@code caller}, the reason as LLVM (or graft) gave it,
 * where in the source the call is when the code has debug information, and what graft found that explains a
 * refusal. The in-process backend makes one from each diagnostic LLVM hands it ({@link #ofLlvm}); the tools
 * backend picks them out of clang's output ({@link #parse}); the report reads the fields, never a sentence.
 *
 * @param reason      LLVM's reason ({@code too costly to inline (cost=400, threshold=337)}), or graft's
 * @param location    the call's source location, when LLVM knew it
 * @param explanation what graft found about the difference LLVM refused over, when anything
 */
public record InlineRemark(String callee, String caller, boolean inlined, String reason, Optional<Location> location,
                           Optional<String> explanation) {

    /** A call's place in the source, as LLVM's debug location gives it. */
    public record Location(String file, int line, int column) {
    }

    /** LLVM's words for an inlining decision (InlineAdvisor's remarks), without location or decoration. */
    private static final Pattern DECISION = Pattern.compile(
            "'(?<callee>[^']+)' (?<neg>not |will not be )?inlined into '(?<caller>[^']+)'"
                    + "(?: because (?<because>.*?)| with (?<with>.*?))?");
    /** {@code FILE:LINE:COL: }, as LLVM prints a diagnostic's location ({@code <unknown>:0:0} when it has none). */
    private static final Pattern LOCATION = Pattern.compile("(?<file>[^\\s:][^:]*):(?<line>\\d+):(?<column>\\d+): ");
    /** A diagnostic's description as LLVM prints it: location, message, and the hotness with a profile. */
    private static final Pattern LLVM_DESCRIPTION = Pattern.compile(
            "(?:" + LOCATION.pattern() + ")?" + DECISION.pattern() + "(?: \\(hotness: \\d+\\))?");
    /** clang's rendering adds its severity and the option that asked for the remark. */
    private static final Pattern CLANG_LINE = Pattern.compile(DECISION.pattern() + "(?: \\[-Rpass[^\\]]*\\])?$");

    public InlineRemark {
        location = location.filter(l -> l.line() > 0);
    }

    /** A remark with no location and nothing explained: graft's own decisions. */
    public InlineRemark(String callee, String caller, boolean inlined, String reason) {
        this(callee, caller, inlined, reason, Optional.empty(), Optional.empty());
    }

    /** This remark with what graft found about the refusal. */
    public InlineRemark explainedBy(String why) {
        return new InlineRemark(callee, caller, inlined, reason, location, Optional.of(why));
    }

    /** The reason as the report states it: LLVM's, then graft's explanation in parentheses. */
    public String fullReason() {
        return explanation.map(why -> reason + " (" + why + ")").orElse(reason);
    }

    /**
     * The remark one diagnostic of LLVM's inliner describes (LLVM's C API hands a diagnostic over only as its
     * printed description: {@code FILE:LINE:COL: MESSAGE}); empty for any other diagnostic.
     */
    public static Optional<InlineRemark> ofLlvm(String description) {
        Matcher m = LLVM_DESCRIPTION.matcher(description.strip());
        return m.matches() ? Optional.of(of(m, location(m))) : Optional.empty();
    }

    /** Picks the inliner remarks out of clang's diagnostic output, one a line. */
    public static List<InlineRemark> parse(String diagnostics) {
        List<InlineRemark> remarks = new ArrayList<>();
        for (String line : diagnostics.split("\n")) {
            Matcher m = CLANG_LINE.matcher(line.strip());
            if (m.find()) {
                // clang writes "remark: FILE:LINE:COL: " or "FILE:LINE:COL: remark: " before LLVM's words
                Matcher place = LOCATION.matcher(line.strip().substring(0, m.start()));
                remarks.add(of(m, place.find() ? location(place) : Optional.empty()));
            }
        }
        return remarks;
    }

    private static InlineRemark of(Matcher m, Optional<Location> location) {
        boolean inlined = m.group("neg") == null;
        String reason = m.group("because") != null ? m.group("because")
                : m.group("with") != null ? m.group("with") : "";
        return new InlineRemark(m.group("callee"), m.group("caller"), inlined, reason.strip(), location,
                Optional.empty());
    }

    private static Optional<Location> location(Matcher m) {
        return m.group("file") == null ? Optional.empty() : Optional.of(new Location(m.group("file"),
                Integer.parseInt(m.group("line")), Integer.parseInt(m.group("column"))));
    }
}
