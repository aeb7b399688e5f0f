package dev.graft.testkit;

import dev.graft.ExitCode;
import dev.graft.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the graft command line in-process, as a user would type it, and captures what it printed. */
public record GraftRun(int status, String out, String err) {

    public static GraftRun run(Path workingDirectory, Map<String, String> extraEnvironment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(extraEnvironment);
        int status = Main.run(List.of(args), new PrintWriter(out), new PrintWriter(err), env, workingDirectory);
        return new GraftRun(status, out.toString(), err.toString());
    }

    /** Runs with the helper cache inside {@code workingDirectory}, so tests never share or pollute one. */
    public static GraftRun run(Path workingDirectory, String... args) {
        return run(workingDirectory, Map.of("GRAFT_CACHE_DIR", workingDirectory.resolve(".cache").toString()), args);
    }

    /** Asserts graft exited 0; returns this run for more checks. */
    public GraftRun succeeded() {
        assertThat(status).as(toString()).isZero();
        return this;
    }

    /** Asserts graft exited with {@code code}, by its documented name; returns this run for more checks. */
    public GraftRun failedWith(ExitCode code) {
        assertThat(status).as("exit " + code + "\n" + this).isEqualTo(code.status());
        return this;
    }

    /** graft's one failure line: exactly one {@code graft:} line on stderr, and no stack trace. */
    public String failureLine() {
        List<String> lines = err.lines().filter(l -> l.startsWith("graft: ")).toList();
        assertThat(lines).as(toString()).hasSize(1);
        assertThat(err).as("no stack trace without --verbose").doesNotContain("\tat ");
        return lines.getFirst();
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
    }
}
