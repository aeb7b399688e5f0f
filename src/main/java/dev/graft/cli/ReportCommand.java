package dev.graft.cli;

import dev.graft.GraftException;
import dev.graft.cargo.CargoReports;
import dev.graft.cargo.CrateReport;
import dev.graft.helpers.HelperLibrary;
import dev.graft.process.ProcessRunner;
import dev.graft.report.ObjectContents;
import dev.graft.report.ObjectInspector;
import dev.graft.report.ReportJson;
import dev.graft.report.ReportText;
import dev.graft.toolchain.Toolchain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@code graft report}: print a JSON report for a person, or analyse an object file. */
@Command(name = "report", description = "Print a report written with --report, or list the calls an object "
        + "makes to functions it does not define.")
final class ReportCommand extends Subcommand {

    @Option(names = "--helpers", paramLabel = "HELPERS.bc", description = "With an object: count only calls to "
            + "these helpers.")
    Path helpers;

    @Parameters(paramLabel = "OUT.o|R.json", arity = "1", description = "An object file, or a report (a .json file) "
            + "written by --report.")
    Path input;


    ReportCommand(CommonOptions common) {
        super(common);
    }

    @Override
    public Integer call() throws GraftException {
        Path file = InputFile.requireRegular(context().workingDirectory().resolve(input), "the input", input);
        String name = file.getFileName().toString();
        if (name.endsWith(".json") || name.equals(CargoReports.SUMMARY)) {
            context().out().print(renderReport(file));
            return 0;
        }
        ProcessRunner runner = runner();
        Toolchain toolchain = toolchain();
        Set<String> wanted = helpers == null ? Set.of()
                : HelperLibrary.read(InputFile.requireRegular(context().workingDirectory().resolve(helpers), "--helpers",
                        helpers), toolchain.llvm(), runner).facts().helpers();
        ObjectContents contents = new ObjectInspector(toolchain.llvm(), runner).inspect(file);
        Map<String, Integer> calls = new TreeMap<>();
        for (ObjectContents.CodeReference ref : contents.references()) {
            boolean external = contents.undefinedSymbols().contains(ref.target());
            if (helpers == null ? external : wanted.contains(ref.target())) {
                calls.merge(ref.target(), 1, Integer::sum);
            }
        }
        context().out().printf("%s: %d %s referenced from code%n", input, calls.size(),
                helpers == null ? "undefined symbols" : "helpers");
        calls.forEach((symbol, count) -> context().out().printf("  %-48s %d%n", symbol, count));
        if (helpers != null) {
            wanted.stream().filter(contents.definedSymbols()::contains).sorted()
                    .forEach(h -> context().out().println("  helper copy defined in the object: " + h));
        }
        return 0;
    }

    /**
     * Any report graft writes: a crate's ({@code --report}), a crate's under cargo (its summary line, then each
     * codegen unit's report), or the summary of a cargo build (as it is).
     */
    private String renderReport(Path file) throws GraftException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw GraftException.io("cannot read " + input, e);
        }
        try {
            if (CargoReports.isSummary(text)) {
                return text;
            }
            if (ReportJson.fieldNames(text).contains(CrateReport.UNITS_FIELD)) {
                CrateReport crate = ReportJson.read(text, CrateReport.class);
                StringBuilder out = new StringBuilder(CargoReports.summary(List.of(crate)));
                for (CrateReport.UnitReport unit : crate.codegenUnits()) {
                    out.append("\ncodegen unit ").append(unit.object()).append(":\n")
                            .append(ReportText.render(unit.report()));
                }
                return out.toString();
            }
            return ReportText.render(ReportJson.read(text));
        } catch (ReportJson.Unreadable e) {
            throw GraftException.badInput(input + " is not a graft report: " + e.getMessage());
        }
    }
}
