package dev.graft.server;

import dev.graft.testkit.ServerHarness;
import dev.graft.process.CommandResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping a client (SIGTERM, or Ctrl-C's SIGINT) cancels its request in the server: the request's own
 * subprocesses stop, its scratch directory and partial outputs go, the client dies of the signal as
 * graft itself would, and a request running beside it finishes normally.
 */
class CancelTest extends ServerTestCase {

    @BeforeEach
    void helpers() {
        buildHelpers();
    }

    @Test
    void sigtermToAClientStopsItsServerSideToolAndRemovesItsScratchWhileAnotherRequestFinishes() throws Exception {
        Path marker = dir.resolve("clang.pid");
        Path llvm = SlowTools.llvmWithSlowClang(toolchain, dir.resolve("slow-llvm"), marker);
        Map<String, String> env = ServerHarness.environment(dir, "GRAFT_LLVM_DIR", llvm.toString());
        Path out = Files.createDirectories(dir.resolve("out"));

        Process cancelled = server.start(out, env, "test", "helpers", "-o", "h.bc", K.resolve("helpers.c").toString(),
                "--", "-I" + K.resolve("include"));
        assertThat(ServerHarness.waitUntil(Duration.ofMinutes(2), () -> Files.exists(marker)))
                .as("the slow clang never started").isTrue();
        long clang = SlowTools.pid(marker);
        Path otherDir = Files.createDirectories(dir.resolve("other"));
        CompletableFuture<CommandResult> other = CompletableFuture.supplyAsync(() -> server.graft(
                otherDir, env, "rustc", "--helpers", "../h.bc", "--",
                "--crate-type=lib", "--crate-name=khelpers_demo", "--edition=2021", "-Copt-level=2", "-Cpanic=abort",
                "--emit=obj=k.o", K.resolve("crate/lib.rs").toString()));

        cancelled.destroy(); // SIGTERM
        assertThat(cancelled.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(cancelled.exitValue()).isEqualTo(128 + 15);
        assertThat(ServerHarness.waitUntil(Duration.ofSeconds(10),
                () -> ProcessHandle.of(clang).map(p -> !p.isAlive()).orElse(true)))
                .as("the request's clang still runs").isTrue();

        CommandResult finished = other.get(5, TimeUnit.MINUTES);
        assertThat(finished.exitCode()).as(finished.stderr()).isZero();
        assertThat(dir.resolve("other/k.o")).isNotEmptyFile();
        try (var left = Files.list(out)) {
            assertThat(left.toList()).as("outputs of the cancelled request").isEmpty();
        }
        assertThat(ServerHarness.waitUntil(Duration.ofSeconds(10), () -> scratchLeft().isEmpty()))
                .as("scratch directories left: " + scratchLeft()).isTrue();
        assertThat(server.log()).contains("cancelling a request (the client was interrupted)");
    }

    @Test
    void ctrlCToAClientStopsTheRustcItRunsAndTheServerRemovesTheRequestsScratch() throws Exception {
        Path marker = dir.resolve("rustc.pid");
        Path rustc = SlowTools.slowRustc(toolchain, dir.resolve("slow-rustc"), marker);
        Map<String, String> env = ServerHarness.environment(dir, "RUSTC", rustc.toString());
        Path out = Files.createDirectories(dir.resolve("out"));

        Process cancelled = server.start(out, env, "test", "rustc", "--helpers", "../h.bc", "--",
                "--crate-type=lib", "--emit=obj=k.o", K.resolve("crate/lib.rs").toString());
        assertThat(ServerHarness.waitUntil(Duration.ofMinutes(2), () -> Files.exists(marker)))
                .as("the slow rustc never started").isTrue();
        long child = SlowTools.pid(marker);
        assertThat(scratchLeft()).as("the request's scratch directory while rustc runs").hasSize(1);

        new ProcessBuilder("kill", "-INT", Long.toString(cancelled.pid())).start().waitFor();
        assertThat(cancelled.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(cancelled.exitValue()).isEqualTo(128 + 2);
        assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ServerHarness.waitUntil(Duration.ofSeconds(10), () -> scratchLeft().isEmpty()))
                .as("scratch directories left: " + scratchLeft()).isTrue();
        try (var left = Files.list(out)) {
            assertThat(left.toList()).isEmpty();
        }
        // The server goes on serving.
        assertThat(server.graft(dir, Map.of(), "--version").stdout()).isEqualTo("graft 0.1.0\n");
    }

    private java.util.List<Path> scratchLeft() {
        try (var list = Files.list(server.scratch)) {
            return list.filter(p -> p.getFileName().toString().startsWith("graft-")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
