package dev.graft.server;

import dev.graft.testkit.ServerHarness;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.GraftProcess;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * rustc under graft gets make's jobserver as a plain rustc does: the client runs it as its own child,
 * with the descriptors make handed to the recipe ('+'). Java's process API would have closed them
 * (rustc then warns "failed to connect to jobserver ... cannot open file descriptor 3").
 */
class JobserverTest extends ServerTestCase {


    private static final String CRATE = "--crate-type=lib --crate-name=khelpers_demo --edition=2021 -Copt-level=2 "
            + "-Cpanic=abort " + K.resolve("crate/lib.rs");

    @Test
    void rustcUnderGraftSeesMakesJobserverLikePlainRustc() throws Exception {
        String graft = String.join(" ", server.clientArgv("test", List.of()));
        makeWithoutJobserverWarnings("""
                all: plain.o a.o b.o
                plain.o:
                \t+%s %s --emit=obj=$@
                """.formatted(toolchain.rustc().executable(), CRATE), graft);
    }

    @Test
    void rustcStartedByGraftsOwnJvmReachesMakesJobserverByName() throws Exception {
        // GRAFT_SERVER=off: the JVM starts rustc, with the pipe make handed the recipe as fifo:/proc/PID/fd/R,
        // also when graft passes the command through unchanged (a metadata-only build).
        String graft = String.join(" ", GraftProcess.argv());
        makeWithoutJobserverWarnings("""
                all: a.o b.o libkhelpers_demo.rmeta
                libkhelpers_demo.rmeta:
                \t+%s rustc --helpers h.bc -- %s --emit=metadata=$@
                """.formatted(graft, CRATE), graft);
        assertThat(dir.resolve("libkhelpers_demo.rmeta")).isNotEmptyFile();
    }

    /** make -j2 of {@code rules} plus a.o and b.o built by {@code graft} in '+' recipes: no jobserver warning. */
    private void makeWithoutJobserverWarnings(String rules, String graft) throws Exception {
        buildHelpers();
        ServerHarness.write(dir.resolve("Makefile"), rules + """
                a.o b.o:
                \t+%s rustc --helpers h.bc -- %s --emit=obj=$@
                """.formatted(graft, CRATE));

        CommandResult make = ProcessRunner.quiet().run(new Command(List.of("make", "-j2"), Optional.of(dir),
                ServerHarness.environment(dir), Duration.ofMinutes(5)));

        assertThat(make.exitCode()).as(make.stdout() + make.stderr()).isZero();
        assertThat(make.stdout() + make.stderr()).as("make's output").doesNotContain("jobserver");
        assertThat(dir.resolve("a.o")).isNotEmptyFile();
        assertThat(dir.resolve("b.o")).isNotEmptyFile();
    }

    @Test
    void withoutTheDescriptorsRustcWarnsSoTheTestAboveWouldSeeIt() throws Exception {
        ServerHarness.write(dir.resolve("Makefile"), """
                all: a.o b.o
                a.o b.o:
                \t%s --crate-type=lib --emit=obj=$@ %s
                """.formatted(toolchain.rustc().executable(), K.resolve("crate/lib.rs")));
        CommandResult make = ProcessRunner.quiet().run(new Command(List.of("make", "-j2"), Optional.of(dir),
                Map.of(), Duration.ofMinutes(5)));
        assertThat(make.stderr()).contains("failed to connect to jobserver");
    }
}
