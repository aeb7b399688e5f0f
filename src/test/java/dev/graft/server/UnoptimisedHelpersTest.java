package dev.graft.server;

import dev.graft.process.CommandResult;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.Way;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers compiled without -O (clang's -O0 makes every function noinline and optnone): graft helpers says so
 * on every run, from the cache too, and a report names -O0 as the likely reason a call was kept; through the
 * server and in a JVM of graft's own.
 */
class UnoptimisedHelpersTest extends BothWaysTestCase {

    private static final String WARNING = "compiled at -O0 (no -O flag), where clang makes every function noinline "
            + "and optnone, so none can be inlined: add -O2";

    @ParameterizedTest
    @EnumSource(Way.class)
    void helpersWithoutOptimisationAreWarnedAndNamedAsTheReason(Way way) throws Exception {
        Fixtures.copyE2e(dir, List.of("helpers.c", "api.h", "uses_helpers.rs"));
        for (int run = 0; run < 2; run++) {
            CommandResult helpers = graft(way, "helpers", "-o", "h.bc", "helpers.c");
            assertThat(helpers.exitCode()).as(helpers.stderr()).isZero();
            assertThat(helpers.stdout()).as("the second run is a cache hit").contains(run == 1 ? "from cache" : "");
            assertThat(helpers.stderr()).contains("graft: warning: h.bc: the helpers are " + WARNING);
        }
        CommandResult optimised = graft(way, "helpers", "-o", "o2.bc", "helpers.c", "--", "-O2");
        assertThat(optimised.stderr()).doesNotContain("warning");

        CommandResult rustc = graft(way, "rustc", "--helpers", "h.bc", "--report", "r.json", "--",
                "--crate-type=lib", "-O", "--emit=obj=u.o", "uses_helpers.rs");
        assertThat(rustc.exitCode()).as(rustc.stderr()).isZero();
        assertThat(Files.readString(dir.resolve("r.json")))
                .contains("noinline function attribute (compiled at -O0? clang makes every function noinline there: "
                        + "add -O2 to the helpers' flags");
    }
}
