package dev.graft.cargo;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.graft.report.InliningReport;

import java.util.List;

/**
 * What graft did to one crate under cargo: the sum over its codegen units, and each unit's own report.
 *
 * @param unit the crate's file stem ({@code <crate-name><extra-filename>}): cargo builds a crate once
 *             per profile, target and feature set, and each build has its own stem
 * @param notes what graft left alone and why, where that is no fault (a C file of the crate's static
 *             library that cannot be a helper library)
 */
public record CrateReport(String crate, String unit, @JsonProperty("crate_types") List<String> crateTypes,
                          @JsonProperty("call_sites") int callSites, int inlined,
                          @JsonProperty("helpers_referenced") List<String> helpersReferenced,
                          List<String> warnings, List<String> notes,
                          @JsonProperty(UNITS_FIELD) List<UnitReport> codegenUnits) {

    /** The field only a crate's report under cargo has: what tells it from a {@code --report} file. */
    public static final String UNITS_FIELD = "codegen_units";

    public CrateReport {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    /** One codegen unit whose object graft replaced. */
    public record UnitReport(String object, InliningReport report) {
    }

    public static CrateReport of(String crate, String unit, List<String> crateTypes, List<UnitReport> units,
                                 List<String> warnings, List<String> notes) {
        int total = units.stream().mapToInt(u -> u.report().callSites().total()).sum();
        int inlined = units.stream().mapToInt(u -> u.report().callSites().inlined()).sum();
        List<String> referenced = units.stream().flatMap(u -> u.report().perHelper().stream())
                .map(InliningReport.HelperOutcome::helper).distinct().sorted().toList();
        return new CrateReport(crate, unit, List.copyOf(crateTypes), total, inlined, referenced, List.copyOf(warnings),
                notes, List.copyOf(units));
    }
}
