package dev.graft.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The JSON form of graft's reports (a crate's {@link InliningReport}, and the per-crate reports a cargo build
 * writes): written with {@code --report} or under cargo, read back by {@code graft report}. A file of another
 * shape is refused naming the field that is wrong or missing, never with the JSON library's words.
 */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Why a text is not a report of the shape asked for, in words for people. */
    public static final class Unreadable extends IOException {
        Unreadable(String reason) {
            super(reason);
        }
    }

    private ReportJson() {
    }

    public static String write(Record report) {
        try {
            return MAPPER.writeValueAsString(report) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a report record could not be serialised", e);
        }
    }

    public static InliningReport read(String json) throws Unreadable {
        return read(json, InliningReport.class);
    }

    /** A report of {@code type}, every field it must have present. */
    public static <T extends Record> T read(String json, Class<T> type) throws Unreadable {
        T report;
        try {
            report = MAPPER.readValue(json, type);
        } catch (StreamReadException e) {
            throw new Unreadable("not JSON (" + where(e.getLocation()) + ")");
        } catch (DatabindException e) {
            throw new Unreadable(path(e).isEmpty() ? "not a JSON object" : path(e) + " is not what a report has there");
        } catch (JsonProcessingException e) {
            throw new Unreadable("not JSON (" + where(e.getLocation()) + ")");
        }
        if (report == null) {
            throw new Unreadable("not a JSON object");
        }
        requireComplete(report, "");
        return report;
    }

    /** The names of the top-level fields of a JSON object (none when the text is not one). */
    public static List<String> fieldNames(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !tree.isObject()) {
                return List.of();
            }
            return tree.properties().stream().map(Map.Entry::getKey).toList();
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private static String where(JsonLocation location) {
        return location == null ? "unreadable" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** {@code per_helper[0].helper}: where in the document the binding failed. */
    private static String path(DatabindException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "";
        }
        return mapping.getPath().stream().map(r -> r.getFieldName() != null ? "." + r.getFieldName()
                : "[" + r.getIndex() + "]").collect(Collectors.joining()).replaceFirst("^\\.", "");
    }

    /**
     * Every component of {@code value} and of the records in it is present, except those written only when set
     * ({@code @JsonInclude(NON_NULL)}, such as {@code helpers_file}, which older reports lack): a report
     * without them would print {@code null} for a helper's name, or fail later.
     */
    private static void requireComplete(Object value, String at) throws Unreadable {
        if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                Object field;
                try {
                    field = component.getAccessor().invoke(record);
                } catch (IllegalAccessException | InvocationTargetException e) {
                    throw new IllegalStateException("a report record's accessor failed", e);
                }
                String name = jsonName(component);
                String path = at.isEmpty() ? name : at + "." + name;
                JsonInclude include = component.getAccessor().getAnnotation(JsonInclude.class);
                if (field == null && (include == null || include.value() != JsonInclude.Include.NON_NULL)) {
                    throw new Unreadable("it has no " + path);
                }
                requireComplete(field, path);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == null) {
                    throw new Unreadable(at + "[" + i + "] is null");
                }
                requireComplete(list.get(i), at + "[" + i + "]");
            }
        } else if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (entry.getValue() == null) {
                    throw new Unreadable(at + "." + entry.getKey() + " is null");
                }
            }
        }
    }

    private static String jsonName(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }
}
