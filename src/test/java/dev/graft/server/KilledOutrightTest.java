package dev.graft.server;

import dev.graft.process.CommandResult;
import dev.graft.testkit.ServerHarness;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a process killed with -9 leaves: nothing that goes on. The rustc a killed client was running
 * dies with it (it could otherwise write outputs after the cancel, on a build that moved on), and the
 * scratch directory of a killed server goes with the next server's first request, even while the dead
 * server is a zombie no one has reaped.
 */
class KilledOutrightTest extends ServerTestCase {

    /** A client whose request is running rustc (one that hangs), in {@code out}; the rustc's pid. */
    private record Stalled(Process client, long rustc) {
    }

    private Stalled stalledRequest(Path out) throws Exception {
        buildHelpers();
        Path marker = dir.resolve("rustc.pid");
        Path rustc = SlowTools.slowRustc(toolchain, dir.resolve("slow-rustc"), marker);
        Process client = server.start(out, ServerHarness.environment(dir, "RUSTC", rustc.toString()), "test",
                "rustc", "--helpers", "../h.bc", "--", "--crate-type=lib", "--emit=obj=k.o",
                K.resolve("crate/lib.rs").toString());
        assertThat(ServerHarness.waitUntil(Duration.ofMinutes(2), () -> Files.exists(marker))).isTrue();
        return new Stalled(client, SlowTools.pid(marker));
    }

    @Test
    void theRustcOfAClientKilledOutrightDiesWithIt() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Stalled stalled = stalledRequest(out);
        Process client = stalled.client();
        long child = stalled.rustc();

        client.destroyForcibly(); // SIGKILL: no handler runs in the client
        assertThat(client.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ServerHarness.waitUntil(Duration.ofSeconds(10),
                () -> ProcessHandle.of(child).map(p -> !p.isAlive() || zombie(child)).orElse(true)))
                .as("the killed client's rustc still runs").isTrue();
        assertThat(ServerHarness.waitUntil(Duration.ofSeconds(20), () -> scratchLeft().isEmpty()))
                .as("the request's scratch: " + scratchLeft()).isTrue();
        try (var left = Files.list(out)) {
            assertThat(left.toList()).isEmpty();
        }
    }

    @Test
    void theScratchOfAServerKilledOutrightGoesWithTheNextServersFirstRequest() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Process client = stalledRequest(out).client();
        List<Path> abandoned = scratchLeft();
        assertThat(abandoned).hasSize(1);
        long first = server.serverPid();

        new ProcessBuilder("kill", "-KILL", Long.toString(first)).start().waitFor();
        assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(client.exitValue()).isEqualTo(1);

        CommandResult next = server.graft(out, ServerHarness.environment(dir), "rustc", "--helpers", "../h.bc", "--",
                "--crate-type=lib", "--crate-name=khelpers_demo", "--edition=2021", "-Copt-level=2",
                "-Cpanic=abort", "--emit=obj=k.o", K.resolve("crate/lib.rs").toString());
        assertThat(next.exitCode()).as(next.stderr()).isZero();
        assertThat(server.serverPid()).isNotEqualTo(first);
        assertThat(abandoned.getFirst()).as("the killed server's scratch directory").doesNotExist();
        assertThat(scratchLeft()).isEmpty();
    }

    @Test
    void withNoUsableSocketDirectoryTheCommandRunsInAJvmOfItsOwnWithOneNote() throws Exception {
        // The socket's directory cannot be made: a file stands where it would be (a read-only /tmp, say).
        Files.createDirectories(server.socket.getParent().getParent());
        Files.writeString(server.socket.getParent(), "not a directory");
        CommandResult run = server.graft(dir, Map.of(), "--version");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEqualTo("graft 0.1.0\n");
        assertThat(run.stderr().lines().toList()).hasSize(1).first().asString()
                .startsWith("graft: note: running without the graft server (its directory " + server.socket.getParent());
    }

    private static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) == 'Z';
        } catch (java.io.IOException | RuntimeException e) {
            return true;
        }
    }

    private List<Path> scratchLeft() {
        try (var list = Files.list(server.scratch)) {
            return list.filter(p -> p.getFileName().toString().startsWith("graft-")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
