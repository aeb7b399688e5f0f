package dev.graft.report;

import org.junit.jupiter.api.Test;

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
                new InlineRemark("memcpy", "f", false, "its definition is unavailable"));
    }
}
