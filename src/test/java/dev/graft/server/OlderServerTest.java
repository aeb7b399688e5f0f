package dev.graft.server;

import dev.graft.process.CommandResult;
import org.junit.jupiter.api.Test;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user upgrades graft while the old graft's server is still warm. That server cannot read the new
 * client's request and closes the connection without a word (a server of wire version 1 did exactly
 * that); the client must not fail, but ask it to stop, as every graft server since the first stops when
 * asked, and start its own.
 */
class OlderServerTest extends ServerTestCase {

    @Test
    void aServerThatClosesWithoutAWordIsAskedToStopAndReplaced() throws Exception {
        Files.createDirectories(server.socket.getParent(), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        AtomicInteger requestsRefused = new AtomicInteger();
        AtomicInteger stops = new AtomicInteger();
        ServerSocketChannel old = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        old.bind(UnixDomainSocketAddress.of(server.socket));
        Thread oldServer = Thread.ofPlatform().start(() -> {
            try (old) {
                while (true) {
                    try (SocketChannel client = old.accept()) {
                        ByteBuffer type = ByteBuffer.allocate(1);
                        if (client.read(type) <= 0) {
                            continue;
                        }
                        if (type.get(0) == 'K') { // stop: answer as every graft server does, then go
                            stops.incrementAndGet();
                            Files.deleteIfExists(server.socket);
                            return;
                        }
                        requestsRefused.incrementAndGet(); // anything else: closed without a word
                    }
                }
            } catch (java.io.IOException e) {
                // Closed by the test's end.
            }
        });

        CommandResult version = server.graft(dir, Map.of(), "--version");
        oldServer.join(10_000);
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.stdout()).isEqualTo("graft 0.1.0\n");
        assertThat(requestsRefused.get()).isGreaterThanOrEqualTo(2);
        assertThat(stops.get()).isEqualTo(1);
        assertThat(server.status()).contains("graft server: running");
    }
}
