package dev.graft.link.inprocess;

import dev.graft.link.inprocess.AttributeRule.Remedy;
import dev.graft.link.inprocess.TargetFeatures.FeatureClass;
import dev.graft.llvm.Attributes;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The documentation's table of reconciliation rules says what {@link AttributeRule#TABLE} does: every rule's
 * attributes are in a row whose "LLVM alone" and "what graft does" columns agree with the rule, and every
 * attribute or target feature a row names belongs to a rule of that row. A rule added to one and not the
 * other fails here.
 */
class AttributeRuleTableTest {

    private static final String HEADER = "| difference (helper vs Rust caller) | LLVM alone | what graft does |";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** One row of the documented table: the attributes and features its first cell names, and its columns. */
    private record Row(List<String> names, String llvmAlone, String graftDoes, String text) {
    }

    @Test
    void everyRuleIsDocumentedAsItIsApplied() {
        List<Row> rows = documentedRows();
        for (AttributeRule rule : AttributeRule.TABLE) {
            Row row = rows.stream().filter(r -> documents(r, rule)).findFirst().orElseGet(() -> fail(
                    "no row of the documented table names " + rule.attributes() + rule.features().map(
                            c -> " with features of " + c).orElse("")));
            assertThat(row.llvmAlone()).as(row.text())
                    .startsWith(rule.llvm() == AttributeRule.Llvm.REFUSES ? "refuses" : "inlines");
            boolean changesNothing = rule.remedy() == Remedy.EXPLAIN || rule.remedy() == Remedy.NONE;
            assertThat(row.graftDoes().startsWith("nothing")).as(row.text()).isEqualTo(changesNothing);
        }
    }

    @Test
    void everyDocumentedAttributeHasItsRule() {
        for (Row row : documentedRows()) {
            List<AttributeRule> rules = AttributeRule.TABLE.stream().filter(r -> documents(row, r)).toList();
            assertThat(rules).as("the rules of row %s", row.text()).isNotEmpty();
            for (String name : row.names()) {
                assertThat(rules.stream().anyMatch(r -> names(r, name)))
                        .as("%s in row %s is an attribute or feature of one of its rules", name, row.text()).isTrue();
            }
        }
    }

    @Test
    void everyEnumAttributeARuleReadsIsOneAttributeSnapshotsRead() {
        // LLVM's C API names no enum attribute: graft turns each name it reads into LLVM's kind number.
        for (AttributeRule rule : AttributeRule.TABLE) {
            if (rule.remedy() != Remedy.NONE || rule.mergedIntoCaller()) {
                rule.attributes().stream().filter(a -> !a.string()).forEach(a ->
                        assertThat(Attributes.ENUMS).as("Attributes.ENUMS, read by the rule for " + a.name())
                                .contains(a.name()));
            }
        }
    }

    /** The row covers all of the rule's attributes and, for a class of target features, one of that class. */
    private static boolean documents(Row row, AttributeRule rule) {
        boolean attributes = rule.attributes().stream()
                .allMatch(a -> row.names().stream().anyMatch(n -> glob(n, a.name()) || glob(a.name(), n)));
        Optional<FeatureClass> features = rule.features().filter(c -> c != FeatureClass.OTHER);
        return attributes && features.map(c -> row.names().stream().anyMatch(c::names)).orElse(true);
    }

    private static boolean names(AttributeRule rule, String name) {
        return rule.attributes().stream().anyMatch(a -> glob(name, a.name()) || glob(a.name(), name))
                || rule.features().filter(c -> c != FeatureClass.OTHER).map(c -> c.names(name)).orElse(false);
    }

    private static boolean glob(String pattern, String name) {
        return pattern.endsWith("*") ? name.startsWith(pattern.substring(0, pattern.length() - 1)) : pattern.equals(name);
    }

    /** The table's rows, from whichever of the README and docs/ holds it. */
    private static List<Row> documentedRows() {
        List<String> lines = documentation().stream().map(AttributeRuleTableTest::lines)
                .filter(l -> l.stream().anyMatch(line -> line.startsWith(HEADER))).findFirst()
                .orElseGet(() -> fail("no README.md or docs/*.md holds the table headed " + HEADER));
        int header = lines.indexOf(lines.stream().filter(line -> line.startsWith(HEADER)).findFirst().orElseThrow());
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = Arrays.stream(line.split("(?<!\\\\)\\|")).map(String::strip).toArray(String[]::new);
            List<String> names = new ArrayList<>();
            Matcher m = CODE.matcher(cells[1]);
            while (m.find()) {
                // "no-builtin-NAME" in the docs is the family the table writes "no-builtin-*"
                String name = m.group(1).replace("\"", "").replaceFirst("NAME$", "*");
                if (!name.startsWith("-")) { // a compiler flag, not an attribute
                    names.add(name);
                }
            }
            rows.add(new Row(names, cells[2], cells[3], cells[1]));
        }
        assertThat(rows).as("rows of the documented table").isNotEmpty();
        return rows;
    }

    private static List<Path> documentation() {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        if (Files.isDirectory(Path.of("docs"))) {
            try (Stream<Path> docs = Files.walk(Path.of("docs"))) {
                docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
