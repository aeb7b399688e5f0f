package dev.graft.rustc;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.rustc.RustcOption.Meaning;
import dev.graft.toolchain.ToolchainLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RustcOption#TABLE} against the installed rustc, and every path's reading of argv with it. */
class RustcOptionTableTest {

    /**
     * An option line of {@code rustc --help -v}: {@code "    -A, --allow <LINT>  Set lint allowed"},
     * {@code "        --test          Build a test harness"}, {@code "    -L [<KIND>=]<PATH>  Add ..."}. A value
     * follows the names after one space, and is the word that begins with '<' or '['.
     */
    private static final Pattern OPTION_LINE = Pattern.compile(
            "^(?: {4}(-[A-Za-z])(?:, (--[a-z][a-z-]*))?| {8}(--[a-z][a-z-]*))( [<\\[]\\S*)?(?:\\s+.*)?$");

    /** Every option {@code rustc --help -v} lists, with whether it takes a value. */
    private static Map<String, Boolean> optionsRustcLists() throws Exception {
        Path rustc = new ToolchainLocator(ProcessRunner.quiet(), System.getenv(), Optional.empty()).rustcExecutable()
                .orElseThrow(() -> new AssertionError("this test needs rustc (scripts/setup-toolchain installs it)"));
        CommandResult help = ProcessRunner.quiet().execute(Command.of(rustc, "--help", "-v"));
        assertThat(help.succeeded()).as("rustc --help -v: " + help.stderr()).isTrue();
        Map<String, Boolean> listed = new LinkedHashMap<>();
        // The "Options:" section only: "Additional help:" after it shows uses such as "-W help".
        String options = help.stdout().replaceFirst("(?s)^.*?\nOptions:\n", "").replaceFirst("(?s)\n\\S.*$", "");
        for (String line : options.split("\n")) {
            Matcher m = OPTION_LINE.matcher(line);
            if (m.matches()) {
                boolean takesValue = m.group(4) != null;
                for (int group = 1; group <= 3; group++) {
                    if (m.group(group) != null) {
                        listed.put(m.group(group), takesValue);
                    }
                }
            }
        }
        return listed;
    }

    @Test
    void dashOMeansTheOptLevelTheInstalledRustcSaysItDoes() throws Exception {
        java.nio.file.Path rustc = dev.graft.testkit.TestToolchain.require().rustc().executable();
        CommandResult help = ProcessRunner.quiet().execute(Command.of(rustc, "--help"));
        java.util.regex.Matcher dashO = Pattern.compile("(?m)^\\s*-O\\s+Equivalent to -C opt-level=(\\w+)")
                .matcher(help.stdout());
        assertThat(dashO.find()).as("rustc --help names what -O means:\n" + help.stdout()).isTrue();
        assertThat(RustcInvocation.ofExpanded(List.of("-O", "x.rs")).optLevel()).isEqualTo(dashO.group(1));
    }

    @Test
    void tableKnowsEveryOptionOfTheInstalledRustcAndWhetherItTakesAValue() throws Exception {
        Map<String, Boolean> listed = optionsRustcLists();
        // rustc 1.95 lists 40 spellings; far fewer means the help format changed and this test reads nothing.
        assertThat(listed).as("options read from rustc --help -v").hasSizeGreaterThan(30)
                .containsEntry("--deny", true).containsEntry("-D", true).containsEntry("--test", false)
                .containsEntry("-L", true).containsEntry("-O", false);
        listed.forEach((spelling, takesValue) -> {
            Optional<RustcOption> known = RustcOption.named(spelling);
            assertThat(known).as("rustc's " + spelling + " is not in RustcOption.TABLE").isPresent();
            assertThat(known.get().value().taken()).as("whether " + spelling + " takes a value").isEqualTo(takesValue);
        });
    }

    @Test
    void theWrappersReadingOfDenyWarningsHasOneInput() throws Exception {
        RustcInvocation invocation = RustcInvocation.parse(List.of("--deny", "warnings", "lib.rs"), Path.of("/w"));
        assertThat(invocation.inputs()).containsExactly("lib.rs");
    }

    @ParameterizedTest
    @CsvSource({"--allow,unused", "--warn,missing-docs", "--forbid,unsafe-code", "--deny,warnings", "-D,warnings",
            "--force-warn,dead-code", "--remap-path-scope,object", "--cap-lints,warn", "-A,unused"})
    void aLintOrRemapOptionsValueIsNeverAnInput(String option, String value) throws Exception {
        RustcInvocation invocation = RustcInvocation.parse(List.of(option, value, "--crate-name", "k", "lib.rs",
                "--emit=obj=k.o"), Path.of("/w"));
        assertThat(invocation.inputs()).containsExactly("lib.rs");
        assertThat(invocation.words()).as("argv survives the reading").containsExactly(option, value,
                "--crate-name", "k", "lib.rs", "--emit=obj=k.o");
    }

    @Test
    void everySpellingOfAValueReadsAlike() throws Exception {
        for (List<String> argv : List.of(List.of("-Copt-level=3"), List.of("-C", "opt-level=3"),
                List.of("--codegen=opt-level=3"), List.of("--codegen", "opt-level=3"))) {
            assertThat(RustcInvocation.ofExpanded(argv).codegen()).as(argv.toString())
                    .containsExactly(Map.entry("opt-level", "3"));
        }
    }

    @Test
    void groupedSwitchesAreReadOneByOneAndKeepTheirWord() {
        RustcInvocation invocation = RustcInvocation.ofExpanded(List.of("-vV"));
        assertThat(invocation.has(Meaning.VERSION)).isTrue();
        assertThat(invocation.words()).containsExactly("-vV");
        assertThat(invocation.inputs()).isEmpty();
    }

    @Test
    void optLevelIsWhicheverOfDashOAndOptLevelComesLast() throws Exception {
        assertThat(RustcInvocation.ofExpanded(List.of("x.rs")).optLevel()).isEqualTo("0");
        assertThat(RustcInvocation.ofExpanded(List.of("-O", "-Copt-level=s")).optLevel()).isEqualTo("s");
        assertThat(RustcInvocation.ofExpanded(List.of("-Copt-level=1", "-O")).optLevel())
                .isEqualTo(RustcInvocation.ofExpanded(List.of("-O")).optLevel());
        assertThat(RustcInvocation.ofExpanded(List.of("-Copt-level=1", "-O")).codegenOptions("x", Path.of(""))
                .optLevel())
                .as("the wrapper's decision and the object's options agree").isEqualTo(
                        RustcInvocation.ofExpanded(List.of("-Copt-level=1", "-O")).optLevel());
    }
}
