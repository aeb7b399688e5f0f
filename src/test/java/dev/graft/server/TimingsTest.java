package dev.graft.server;

import dev.graft.process.CommandResult;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.Way;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GRAFT_TIMINGS} shows where a command's fixed cost goes, either way: each process that took
 * part (the client, the server's request or graft's own JVM) prints one line of moments counted from
 * the clock reading the launcher put in the variable, in the order they happened, and a server the call
 * started logs its own start; without the variable nothing is printed.
 */
class TimingsTest extends BothWaysTestCase {

    private static final Path K = Fixtures.KERNEL_HELPERS;

    @BeforeEach
    void helpers() {
        GraftRun.run(dir, "helpers", "-o", "h.bc", "--cflags-file", K.resolve("cflags").toString(),
                K.resolve("helpers.c").toString(), "--", "-I" + K.resolve("include")).succeeded();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void eachPartPrintsItsMomentsCountedFromTheLaunchersReading(Way way) throws Exception {
        long launcherMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        CommandResult run = graft(way, dir, Map.of("GRAFT_TIMINGS", Long.toString(launcherMicros)), demoCrate("k.o"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();

        Map<String, Double> jvm = moments(run.stderr(), way == Way.SERVER ? "the server's request" : "graft's JVM")
                .orElseThrow(() -> new AssertionError("no timings line of the JVM: " + run.stderr()));
        assertThat(jvm.keySet()).containsSubsequence("parsed", "rustc", "rustc done", "object", "report", "done");
        assertThat(List.copyOf(jvm.values())).isSorted().allSatisfy(ms -> assertThat(ms).isPositive());
        if (way == Way.SERVER) {
            Map<String, Double> client = moments(run.stderr(), "the client")
                    .orElseThrow(() -> new AssertionError("no timings line of the client: " + run.stderr()));
            assertThat(client.keySet()).containsExactly("client", "connected", "accepted", "rustc", "rustc done",
                    "status");
            assertThat(List.copyOf(client.values())).isSorted();
            // One clock: the server hears of the request after the client connected, the client its status last.
            assertThat(jvm.get("request read")).isGreaterThanOrEqualTo(client.get("connected"));
            assertThat(client.get("status")).isGreaterThanOrEqualTo(jvm.get("done"));
            // This call started the server: its log says when it was listening.
            assertThat(ways.server().log()).containsPattern(
                    "graft: timings of the server's start \\(ms since graft started\\): main [0-9.]+, listening [0-9.]+");
        } else {
            assertThat(jvm.keySet()).first().isEqualTo("main");
        }
        assertThat(dir.resolve("k.o")).isNotEmptyFile();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void withoutTheVariableNothingIsPrinted(Way way) {
        CommandResult run = graft(way, demoCrate("quiet.o"));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stderr()).isEmpty();
    }

    /** The moments of {@code who}'s line, by name in the printed order. */
    private static Optional<Map<String, Double>> moments(String stderr, String who) {
        String prefix = "graft: timings of " + who + " (ms since graft started): ";
        return stderr.lines().filter(l -> l.startsWith(prefix)).findFirst().map(line -> {
            Map<String, Double> moments = new LinkedHashMap<>();
            for (String moment : line.substring(prefix.length()).split(", ")) {
                int space = moment.lastIndexOf(' ');
                moments.put(moment.substring(0, space), Double.parseDouble(moment.substring(space + 1)));
            }
            return moments;
        });
    }

    private static String[] demoCrate(String object) {
        return new String[] {"rustc", "--helpers", "h.bc", "--", "--crate-type=lib", "--crate-name=khelpers_demo",
                "--edition=2021", "-Copt-level=2", "-Cpanic=abort", "--emit=obj=" + object,
                K.resolve("crate/lib.rs").toString()};
    }
}
