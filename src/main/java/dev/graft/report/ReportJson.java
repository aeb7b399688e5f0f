package dev.graft.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;

/** The report's JSON form: written with {@code --report}, read back by {@code graft report}. */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ReportJson() {
    }

    public static String write(InliningReport report) {
        try {
            return MAPPER.writeValueAsString(report) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a report record could not be serialised", e);
        }
    }

    public static InliningReport read(String json) throws IOException {
        return MAPPER.readValue(json, InliningReport.class);
    }
}
