package dev.graft.process;

import dev.graft.testkit.Checked;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandTest {

    @Test
    void rendersACommandLineThatAShellReadsBackAsTheSameWords() throws Exception {
        Command tricky = Command.of(Path.of("/bin/echo"), "plain", "with space", "it's", "ü", "$HOME", "");
        String rendered = tricky.render();
        assertThat(rendered).isEqualTo("/bin/echo plain 'with space' 'it'\\''s' 'ü' '$HOME' ''");
        CommandResult viaShell = Checked.run(Command.of(Path.of("/bin/sh"), "-c",
                "printf '%s|' " + rendered.substring("/bin/echo ".length())));
        assertThat(viaShell.stdout()).isEqualTo("plain|with space|it's|ü|$HOME||");
    }

    @Test
    void drainsLargeOutputOnBothPipesWithoutDeadlock() throws Exception {
        CommandResult r = Checked.run(Command.of(Path.of("/bin/sh"), "-c",
                "head -c 3000000 /dev/zero | tr '\\0' a; head -c 3000000 /dev/zero | tr '\\0' b >&2"));
        assertThat(r.stdout()).hasSize(3_000_000);
        assertThat(r.stderr()).hasSize(3_000_000);
    }

    @Test
    void killsACommandPastItsDeadline() {
        Command sleeper = Command.of(Path.of("/bin/sleep"), "30").withTimeout(Duration.ofMillis(300));
        assertThatThrownBy(() -> ProcessRunner.quiet().run(sleeper)).isInstanceOf(CommandException.class)
                .satisfies(e -> assertThat(((CommandException) e).kind()).isEqualTo(CommandException.Kind.TIMED_OUT));
    }

    @Test
    void reportsAProgramThatCannotStart() {
        assertThatThrownBy(() -> ProcessRunner.quiet().run(Command.of(Path.of("/nonexistent/tool"))))
                .isInstanceOf(CommandException.class)
                .satisfies(e -> assertThat(((CommandException) e).kind())
                        .isEqualTo(CommandException.Kind.COULD_NOT_START));
    }

    @Test
    void passesEnvironmentAndWorkingDirectory() throws Exception {
        CommandResult r = Checked.run(new Command(List.of("/bin/sh", "-c", "echo $X; pwd"),
                java.util.Optional.of(Path.of("/tmp")), Map.of("X", "42"), Duration.ofSeconds(10)));
        assertThat(r.stdout()).isEqualTo("42\n/tmp\n");
    }

    @Test
    void runsIndependentCommandsAtOnceAndAnswersInOrder() throws Exception {
        long start = System.nanoTime();
        List<CommandResult> results = ProcessRunner.quiet().runTogether(List.of(
                Command.of(Path.of("/bin/sh"), "-c", "sleep 2; echo first"),
                Command.of(Path.of("/bin/sh"), "-c", "sleep 2; echo second >&2; exit 3")));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(results.get(0).stdout()).isEqualTo("first\n");
        assertThat(results.get(0).exitCode()).isZero();
        assertThat(results.get(1).stderr()).isEqualTo("second\n");
        assertThat(results.get(1).exitCode()).isEqualTo(3);
        assertThat(elapsedMs).as("one after the other would take 4 s").isLessThan(3_800);
    }

    @Test
    void aCommandThatCannotStartStopsTheOnesStartedWithIt() throws Exception {
        java.nio.file.Path marker = java.nio.file.Files.createTempFile("graft-run-together", ".txt");
        java.nio.file.Files.delete(marker);
        assertThatThrownBy(() -> ProcessRunner.quiet().runTogether(List.of(
                Command.of(Path.of("/bin/sh"), "-c", "sleep 2; touch " + marker),
                Command.of(Path.of("/nonexistent/tool")))))
                .isInstanceOf(CommandException.class)
                .satisfies(e -> assertThat(((CommandException) e).kind())
                        .isEqualTo(CommandException.Kind.COULD_NOT_START));
        Thread.sleep(3_000);
        assertThat(marker).as("the first command was stopped").doesNotExist();
    }
}
