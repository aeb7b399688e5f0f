package dev.graft.cargo;

import dev.graft.files.AtomicOutput;
import dev.graft.report.ReportJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A report read again is the one the file holds now: a report another process (or cargo's next build) wrote over
 * the file is read from it, never the one this JVM remembers; an unchanged file is not parsed again.
 */
class ReportFilesTest {

    @TempDir
    Path dir;

    @Test
    void aReportWrittenOverTheFileIsReadFromItAndAnUnchangedOneIsRemembered() throws Exception {
        Path file = dir.resolve("counter-1234.json");
        CrateReport first = CrateReport.of("counter", "counter-1234", List.of("lib"), List.of(), List.of(),
                List.of("first"));
        ReportFiles.write(file, first);
        assertThat(ReportFiles.read(file, CrateReport.class)).isSameAs(first);

        CrateReport second = CrateReport.of("counter", "counter-1234", List.of("lib"), List.of(), List.of(),
                List.of("second, as another graft process wrote it"));
        AtomicOutput.writeString(file, ReportJson.write(second));
        assertThat(ReportFiles.read(file, CrateReport.class)).isEqualTo(second);

        Files.writeString(file, "{ \"crate\" : ");
        assertThatThrownBy(() -> ReportFiles.read(file, CrateReport.class)).isInstanceOf(ReportJson.Unreadable.class);
    }
}
