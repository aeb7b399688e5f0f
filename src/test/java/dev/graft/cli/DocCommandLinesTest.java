package dev.graft.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.helpers.HelperFlags;
import dev.graft.process.Command;
import dev.graft.process.CommandException;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.BothWays;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.MarkdownBlock;
import dev.graft.testkit.ServerHarness;
import dev.graft.testkit.Way;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every graft command line README.md and the pages of docs/ show in a shell or make block is one graft's
 * command model takes: each parses with the real picocli command line (an unknown command or option, or a
 * missing required one, fails here), and the README's {@code graft rustc} example runs word for word, through
 * the warm server and in graft's own JVM. The two commands of the README ({@code ./graft demo},
 * {@code ./scripts/test}) are what CI runs anyway. The make rules shown are the example Makefile's own.
 */
class DocCommandLinesTest {

    /** The words a shell or make runs graft by in the documentation. */
    private static final Set<String> GRAFT = Set.of("graft", "./graft", "/path/to/graft", "$(GRAFT)", "+$(GRAFT)");
    private static final Set<String> SEPARATORS = Set.of(";", "&&", "||", "|");
    private static final String RUNS = "readme-runs: ";
    /** An option in a usage synopsis: {@code --report}, {@code [--backend}, {@code -o}. */
    private static final Pattern SYNOPSIS_OPTION = Pattern.compile("\\[?(--?[A-Za-z][\\w-]*)");
    /** `graft COMMAND ...` in a page's text. */
    private static final Pattern INLINE_COMMAND = Pattern.compile(
            "`(?:\\./)?graft ((?:doctor|helpers|rustc|link|report|demo|server|cargo-setup|help)\\b[^`]*)`");

    @TempDir
    Path dir;

    static List<MarkdownBlock> shellAndMakeBlocks() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Fixtures.PROJECT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(Fixtures.PROJECT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages.stream().flatMap(page -> MarkdownBlock.of(page).stream())
                .filter(b -> b.language().equals("sh") || b.language().equals("make")).toList();
    }

    @Test
    void everyGraftCommandLineInTheDocsParsesWithGraftsCommandModel() throws IOException {
        int checked = 0;
        for (MarkdownBlock block : shellAndMakeBlocks()) {
            for (List<String> graftArgs : graftCommandLines(block)) {
                assertParses(graftArgs, block.where());
                checked++;
            }
        }
        assertThat(checked).as("the README and docs show graft command lines").isGreaterThan(10);
    }

    /**
     * A command line in the text ({@code `graft link -o k.bc k.bc`}) is often a fragment: it may leave out a
     * required option, but every command and option it names must be graft's.
     */
    @Test
    void everyGraftCommandInTheTextNamesOnlyGraftsCommandsAndOptions() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Fixtures.PROJECT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(Fixtures.PROJECT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        int checked = 0;
        for (Path page : pages) {
            Matcher span = INLINE_COMMAND.matcher(Files.readString(page));
            while (span.find()) {
                if (span.group(1).contains("...") || span.group(1).contains("[")) {
                    continue; // a shape, not a command line: `graft rustc ... -- RUSTC_ARGS`, `[--helpers H.bc]`
                }
                List<String> args = HelperFlags.splitWords(span.group(1));
                assertThat(unknownWord(args)).as("%s: graft %s", page.getFileName(), span.group(1)).isEmpty();
                checked++;
            }
        }
        assertThat(checked).as("the docs name graft commands in their text").isGreaterThan(10);
    }

    /**
     * docs/commands.md and the annotations (whence --help and the man pages) name the same options: every
     * option of every command is on the page, and every option its synopsis gives a command is that command's.
     */
    @Test
    void theCommandsPageNamesEveryOptionAndOnlyTheCommandsOwn() throws IOException {
        Path page = Fixtures.PROJECT.resolve("docs/commands.md");
        String text = Files.readString(page);
        CommandLine graft = GraftCommand.commandLine();
        graft.getSubcommands().forEach((name, command) -> {
            for (CommandLine.Model.OptionSpec option : command.getCommandSpec().options()) {
                assertThat(text).as("docs/commands.md names graft %s's %s", name, option.longestName())
                        .contains(option.longestName());
            }
        });
        MarkdownBlock synopsis = MarkdownBlock.of(page).stream().filter(b -> b.language().equals("text"))
                .findFirst().orElseThrow();
        int checked = 0;
        for (String line : synopsis.logicalLines()) {
            List<String> words = List.of(line.strip().split("\\s+"));
            if (words.size() < 2 || !words.getFirst().equals("graft")
                    || !graft.getSubcommands().containsKey(words.get(1))) {
                continue;
            }
            CommandLine.Model.CommandSpec command = graft.getSubcommands().get(words.get(1)).getCommandSpec();
            for (String word : words.subList(2, words.size())) {
                if (word.equals("--") || word.equals("[--") || word.startsWith("#")) {
                    break; // rustc's or clang's words, or the line's comment
                }
                Matcher option = SYNOPSIS_OPTION.matcher(word);
                if (option.lookingAt()) {
                    assertThat(command.findOption(option.group(1))).as("%s: graft %s %s", synopsis.where(),
                            words.get(1), option.group(1)).isNotNull();
                    checked++;
                }
            }
        }
        assertThat(checked).as("the synopsis names options").isGreaterThan(15);
    }

    @Test
    void aMisspelledOptionOrCommandWouldFailTheChecks() {
        for (List<String> wrong : List.of(List.of("rustc", "--helperz", "h.bc", "--", "a.rs"), List.of("rustcc"),
                List.of("help", "rustcc"), List.of("link", "--helperz", "h.bc"))) {
            assertThat(problem(wrong)).as(String.join(" ", wrong)).isPresent();
            assertThat(unknownWord(wrong)).as(String.join(" ", wrong)).isPresent();
        }
        assertThat(problem(List.of("helpers", "-o", "h.bc"))).as("a required argument missing").isPresent();
    }

    @Test
    void theMakeRulesShownAreTheExampleMakefilesOwn() throws IOException {
        String makefile = Files.readString(Fixtures.PROJECT.resolve("examples/makefile-build/Makefile"));
        List<MarkdownBlock> make = Stream.of("README.md", "docs/make.md")
                .flatMap(page -> MarkdownBlock.of(Fixtures.PROJECT.resolve(page)).stream())
                .filter(b -> b.language().equals("make")).toList();
        assertThat(make).isNotEmpty();
        for (MarkdownBlock block : make) {
            block.text().lines().filter(l -> !l.isBlank()).forEach(line ->
                    assertThat(makefile).as("%s: %s", block.where(), line).contains(line + "\n"));
        }
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void theReadmesGraftRustcExampleRunsWordForWord(Way way) throws Exception {
        List<MarkdownBlock> runnable = MarkdownBlock.of(Fixtures.PROJECT.resolve("README.md")).stream()
                .filter(b -> b.marker().filter(m -> m.startsWith(RUNS)).isPresent()).toList();
        assertThat(runnable).as("README.md marks its runnable example").hasSize(1);
        MarkdownBlock block = runnable.getFirst();
        String where = block.marker().orElseThrow().substring(RUNS.length());
        assertThat(where).as("the block runs in an example of the checkout").startsWith("examples/");
        Path example = Fixtures.copyExample(where.substring("examples/".length()), dir.resolve("example"));
        try (BothWays ways = new BothWays(dir)) {
            Path bin = ways.script(way, dir.resolve("bin")).getParent();
            Map<String, String> environment = new HashMap<>(ServerHarness.environment(dir));
            environment.put("PATH", bin + ":" + System.getenv("PATH"));
            CommandResult ran = run(List.of("sh", "-euc", block.text()), example, environment);
            assertThat(ran.exitCode()).as(ran.stdout() + ran.stderr()).isZero();
            JsonNode report = new ObjectMapper().readTree(Files.readString(example.resolve("khelpers_demo.json")));
            int total = report.get("call_sites").get("total").asInt();
            assertThat(total).isPositive();
            assertThat(report.get("call_sites").get("inlined").asInt()).as("what the README promises").isEqualTo(total);
            assertThat(example.resolve("khelpers_demo.o")).isRegularFile();
            assertThat(ran.stdout()).as("graft report prints the report")
                    .contains("inlined " + total + "/" + total + " helper call sites");
        }
    }

    /** Each graft command line of {@code block}: graft's arguments, without the program and any assignments. */
    private static List<List<String>> graftCommandLines(MarkdownBlock block) throws IOException {
        List<List<String>> found = new ArrayList<>();
        for (String line : block.logicalLines()) {
            for (List<String> command : commands(HelperFlags.splitWords(line))) {
                int first = 0;
                while (first < command.size() && command.get(first).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                    first++;
                }
                if (first < command.size() && GRAFT.contains(command.get(first))) {
                    found.add(command.subList(first + 1, command.size()));
                }
            }
        }
        return found;
    }

    private static List<List<String>> commands(List<String> words) {
        List<List<String>> commands = new ArrayList<>(List.of(new ArrayList<>()));
        for (String word : words) {
            if (SEPARATORS.contains(word)) {
                commands.add(new ArrayList<>());
            } else {
                commands.getLast().add(word);
            }
        }
        return commands;
    }

    /** A word of {@code args} that is no graft command or option (a fragment may leave out required ones). */
    private static Optional<String> unknownWord(List<String> args) {
        Optional<String> problem = problem(args);
        return problem.filter(p -> !p.startsWith("Missing required"));
    }

    private static void assertParses(List<String> args, String where) {
        assertThat(problem(args)).as("%s: graft %s", where, String.join(" ", args)).isEmpty();
    }

    /** Why graft's command model would refuse {@code args} (graft's words, up to the first {@code --}). */
    private static Optional<String> problem(List<String> args) {
        if (!args.isEmpty() && args.getFirst().equals("help")) {
            return args.size() == 1 || args.size() == 2 && CargoForms.COMMAND_NAMES.contains(args.get(1))
                    ? Optional.empty() : Optional.of("'graft help' takes one command, or none");
        }
        CliContext context = TestContexts.context(System.getenv());
        if (CargoForms.of(args, context).isPresent()) {
            return Optional.empty(); // cargo's forms: rustc's words, which graft does not parse (`graft rustc -vV`)
        }
        int split = args.indexOf("--");
        List<String> own = split < 0 ? args : args.subList(0, split);
        CommandLine graft = GraftCommand.commandLine();
        try {
            List<CommandLine> parsed = graft.parseArgs(own.toArray(String[]::new)).asCommandLineList();
            if (parsed.size() < 2 && !own.contains("--help") && !own.contains("--version")) {
                return Optional.of("no command");
            }
            return Optional.empty();
        } catch (CommandLine.ParameterException e) {
            // picocli checks required options before unknown words, as Main's messages know: the word comes first.
            List<String> unmatched = e.getCommandLine().getUnmatchedArguments();
            return Optional.of(unmatched.isEmpty() ? e.getMessage() : "Unknown: " + unmatched.getFirst());
        }
    }

    private static CommandResult run(List<String> argv, Path directory, Map<String, String> environment)
            throws CommandException {
        return ProcessRunner.quiet().run(new Command(argv, Optional.of(directory), environment, Duration.ofMinutes(5)));
    }
}
