package dev.graft.report;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class InlineRemarkTest {

    @Test
    void readsPassedAndMissedRemarksFromClangOutput() {
        String stderr = """
                remark: <unknown>:0:0: 'rust_helper_add' inlined into 'sum' with (cost=-35, threshold=337) [-Rpass=inline]
                remark: <unknown>:0:0: 'rust_helper_big' not inlined into '_ZN1k5other17h33E' because too costly to inline (cost=400, threshold=337) [-Rpass-missed=inline]
                warning: something else
                remark: k.rs:3:5: 'memcpy' will not be inlined into 'f' because its definition is unavailable [-Rpass-missed=inline]
                """;
        assertThat(InlineRemark.parse(stderr)).containsExactly(
                new InlineRemark("rust_helper_add", "sum", true, "(cost=-35, threshold=337)"),
                new InlineRemark("rust_helper_big", "_ZN1k5other17h33E", false,
                        "too costly to inline (cost=400, threshold=337)"),
                new InlineRemark("memcpy", "f", false, "its definition is unavailable",
                        Optional.of(new InlineRemark.Location("k.rs", 3, 5)), Optional.empty()));
    }

    @Test
    void takesEachOfLlvmsDiagnosticsAsOneRemarkWithItsLocation() {
        assertThat(InlineRemark.ofLlvm("src/lib.rs:12:9: 'rust_helper_add' not inlined into 'sum' because "
                + "conflicting attributes")).contains(new InlineRemark("rust_helper_add", "sum", false,
                "conflicting attributes", Optional.of(new InlineRemark.Location("src/lib.rs", 12, 9)), Optional.empty()));
        assertThat(InlineRemark.ofLlvm("<unknown>:0:0: 'h' inlined into 'c' with (cost=5, threshold=225) (hotness: 7)"))
                .contains(new InlineRemark("h", "c", true, "(cost=5, threshold=225)"));
        assertThat(InlineRemark.ofLlvm("<unknown>:0:0: loop not vectorized")).isEmpty();
    }

    @Test
    void statesGraftsExplanationAfterLlvmsReason() {
        InlineRemark refused = new InlineRemark("h", "c", false, "conflicting attributes");
        assertThat(refused.fullReason()).isEqualTo("conflicting attributes");
        assertThat(refused.explainedBy("safestack is on the helper only").fullReason())
                .isEqualTo("conflicting attributes (safestack is on the helper only)");
    }
}
