package dev.graft.testkit;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/report.schema.json, the published shape of graft's reports, as a validator: the documentation is
 * held to the reports graft really writes, so a field added to a report record fails until the schema
 * (and docs/report.md) say what it is.
 */
public final class ReportSchema {

    public static final Path FILE = Fixtures.PROJECT.resolve("docs/report.schema.json");

    private static final Schema SCHEMA = load();

    private ReportSchema() {
    }

    /** What the schema finds wrong with {@code json}: none for a report of a shape graft writes. */
    public static List<String> violations(String json) {
        return SCHEMA.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    /** Asserts the report file {@code report} matches the schema. */
    public static void assertMatches(Path report) {
        try {
            assertThat(violations(Files.readString(report))).as("%s against %s", report, FILE).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Schema load() {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Files.readString(FILE), InputFormat.JSON);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
