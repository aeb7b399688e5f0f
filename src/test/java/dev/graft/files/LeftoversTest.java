package dev.graft.files;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** When a temporary file or scratch directory counts as abandoned (the kill -9 case is InterruptedBuildTest). */
class LeftoversTest {

    private static final String HERE = Leftovers.scratchDirectoryName().split("-")[1];
    private static final Instant NOW = Instant.now();

    @Test
    void whatALivingOwnerWroteIsNeverAbandoned() {
        long self = ProcessHandle.current().pid();
        assertThat(Leftovers.abandoned(HERE, self, Optional.of(NOW))).isFalse();
    }

    @Test
    void aDeadOwnersFilesAreAbandonedAtOnce() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertThat(Leftovers.abandoned(HERE, gone.pid(), Optional.of(NOW))).isTrue();
    }

    @Test
    void filesFromAnotherMachineOrContainerGoOnlyAfterADay() {
        assertThat(Leftovers.abandoned("elsewhere", 1, Optional.of(NOW.minus(Duration.ofHours(23))))).isFalse();
        assertThat(Leftovers.abandoned("elsewhere", 1, Optional.of(NOW.minus(Duration.ofHours(25))))).isTrue();
    }

    @Test
    void aReusedPidDoesNotKeepAFileAlive() {
        // A file that last changed before its PID's present process started was not written by it.
        long self = ProcessHandle.current().pid();
        Instant started = ProcessHandle.current().info().startInstant().orElseThrow();
        assertThat(Leftovers.abandoned(HERE, self, Optional.of(started.minus(Duration.ofHours(1))))).isTrue();
    }

    @Test
    void namesCarryTheirOwner() {
        String pid = Long.toString(ProcessHandle.current().pid());
        assertThat(Leftovers.temporaryFileName("k.o")).startsWith(".k.o." + HERE + "-" + pid + "-")
                .endsWith(".graft-tmp");
        assertThat(Leftovers.scratchDirectoryName()).startsWith("graft-" + HERE + "-" + pid + "-");
    }
}
