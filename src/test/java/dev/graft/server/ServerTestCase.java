package dev.graft.server;

import dev.graft.testkit.ServerHarness;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A test of the server: its own directory and socket, the real toolchain, the server stopped afterwards. */
abstract class ServerTestCase {

    static final Path K = Fixtures.KERNEL_HELPERS;

    @TempDir
    Path dir;
    ServerHarness server;
    final Toolchain toolchain = TestToolchain.require();

    @BeforeEach
    void startHarness() throws Exception {
        server = new ServerHarness(dir);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** The demo's helpers as {@code dir/h.bc}, built in graft's own process. */
    void buildHelpers() {
        GraftRun helpers = GraftRun.run(dir, "helpers", "-o", "h.bc", "--cflags-file", K.resolve("cflags").toString(),
                K.resolve("helpers.c").toString(), "--", "-I" + K.resolve("include"));
        helpers.succeeded();
    }
}
