package dev.graft.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of LLVM's inliner remarks ({@code -Rpass=inline}, {@code -Rpass-missed=inline}): whether
 * {@code callee} was inlined into {@code caller} and, when not, LLVM's reason.
 */
public record InlineRemark(String callee, String caller, boolean inlined, String reason) {

    private static final Pattern REMARK = Pattern.compile(
            "'(?<callee>[^']+)' (?<neg>not |will not be )?inlined into '(?<caller>[^']+)'"
                    + "(?: because (?<because>.*?)| with (?<with>.*?))?(?: \\[-Rpass[^\\]]*\\])?$");

    /** Picks the inliner remarks out of clang's diagnostic output (or out of LLVM's remark messages). */
    public static List<InlineRemark> parse(String diagnostics) {
        List<InlineRemark> remarks = new ArrayList<>();
        for (String line : diagnostics.split("\n")) {
            Matcher m = REMARK.matcher(line.strip());
            if (m.find()) {
                boolean inlined = m.group("neg") == null;
                String reason = m.group("because") != null ? m.group("because")
                        : m.group("with") != null ? m.group("with") : "";
                remarks.add(new InlineRemark(m.group("callee"), m.group("caller"), inlined, reason.strip()));
            }
        }
        return remarks;
    }
}
