package dev.graft.server;

import dev.graft.process.CommandResult;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helpers compiled without -O (clang's -O0 makes every function noinline and optnone): graft helpers says so
 * on every run, from the cache too, and a report names -O0 as the likely reason a call was kept; through the
 * server and in a JVM of graft's own.
 */
class UnoptimisedHelpersTest extends ServerTestCase {

    private static final String WARNING = "compiled at -O0 (no -O flag), where clang makes every function noinline "
            + "and optnone, so none can be inlined: add -O2";

    @Test
    void helpersWithoutOptimisationAreWarnedAndNamedAsTheReason() throws Exception {
        Fixtures.copyE2e(dir, List.of("helpers.c", "api.h", "uses_helpers.rs"));
        GraftRun own = GraftRun.run(dir, "helpers", "-o", "h.bc", "helpers.c").succeeded();
        assertThat(own.err()).contains("graft: warning: h.bc: the helpers are " + WARNING);
        for (int run = 0; run < 2; run++) {
            CommandResult served = server.graft(dir, ServerHarness.environment(dir), "helpers", "-o", "h.bc",
                    "helpers.c");
            assertThat(served.exitCode()).as(served.stderr()).isZero();
            assertThat(served.stdout()).as("the second run is a cache hit").contains(run == 1 ? "from cache" : "");
            assertThat(served.stderr()).contains("graft: warning: h.bc: the helpers are " + WARNING);
        }

        GraftRun optimised = GraftRun.run(dir, "helpers", "-o", "o2.bc", "helpers.c", "--", "-O2").succeeded();
        assertThat(optimised.err()).doesNotContain("warning");

        GraftRun rustc = GraftRun.run(dir, "rustc", "--helpers", "h.bc", "--report", "r.json", "--",
                "--crate-type=lib", "-O", "--emit=obj=u.o", "uses_helpers.rs").succeeded();
        assertThat(Files.readString(dir.resolve("r.json"))).as(rustc.out())
                .contains("noinline function attribute (compiled at -O0? clang makes every function noinline there: "
                        + "add -O2 to the helpers' flags");
    }
}
