package dev.graft.link.tools;

import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ToolsBackendOutputTest {

    @Test
    void aFailedClangShowsItsErrorsAndLastLinesWithoutTheInlinerRemarks() {
        String remarks = IntStream.range(0, 4000)
                .mapToObj(i -> "remark: <unknown>:0:0: 'rust_helper_add' inlined into 'f" + i
                        + "' with (cost=-35, threshold=337) [-Rpass=inline]")
                .collect(Collectors.joining("\n"));
        String notes = IntStream.range(0, 30).mapToObj(i -> "note " + i).collect(Collectors.joining("\n"));
        String output = "k.rs:1:1: error: an early error\n" + remarks
                + "\nlib.rs:3:4: remark: 'a' not inlined into 'b'\n"
                + notes + "\nerror: unable to open output file 'k.o': 'No space left on device'\n1 error generated.\n";

        String shown = ToolsBackend.withoutRemarks(output);

        assertThat(shown).doesNotContain("remark:").startsWith("(12 lines of output left out)\n")
                .contains("k.rs:1:1: error: an early error\n")
                .endsWith("note 29\nerror: unable to open output file 'k.o': 'No space left on device'\n"
                        + "1 error generated.\n");
        assertThat(shown.lines()).hasSize(1 + 1 + ToolsBackend.LAST_LINES);
    }

    @Test
    void outputWithoutRemarksIsShownWhole() {
        assertThat(ToolsBackend.withoutRemarks("error: bad\n1 error generated.\n"))
                .isEqualTo("error: bad\n1 error generated.\n");
    }
}
