package dev.graft.server;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's socket sits in a directory only its user may enter, and even when another user can
 * reach the socket the server checks the peer's credentials (SO_PEERCRED) and refuses.
 */
class PeerCredentialsTest extends ServerTestCase {


    @Test
    void socketDirectoryIsTheUsersAlone() throws Exception {
        CommandResult version = server.graft(dir, Map.of(), "--version");
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.stdout()).isEqualTo("graft 0.1.0\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(server.socket.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void refusesAConnectionFromAnotherUid() throws Exception {
        assertThat(server.graft(dir, Map.of(), "--version").exitCode()).isZero();
        // Let another user reach the socket, which its 0700 directory (and its mode) forbid, to test the server itself.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(server.socket.getParent(), PosixFilePermissions.fromString("rwx--x--x"));
        Files.setPosixFilePermissions(server.socket, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path probeDir = Files.createDirectories(dir.resolve("probe"));
        Files.setPosixFilePermissions(probeDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path probe = probeDir.resolve("PeerProbe.java");
        Fixtures.copy(probeDir, "server", List.of("PeerProbe.java"));
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rw-r--r--"));
        String java = ProcessHandle.current().info().command().orElseThrow();

        CommandResult asOwner = probe(List.of(java, "-XX:-UsePerfData", probe.toString(), server.socket.toString()));
        CommandResult asNobody = probe(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                java, "-XX:-UsePerfData", probe.toString(), server.socket.toString()));

        assertThat(asOwner.stdout()).as(asOwner.stderr()).contains("O:graft 0.1.0").contains("Q:0");
        assertThat(asNobody.stdout()).as(asNobody.stderr())
                .startsWith("F:the graft server at this socket serves " + System.getProperty("user.name") + " only")
                .doesNotContain("graft 0.1.0");
        assertThat(server.log()).contains("refused a connection from another user");
    }

    private static CommandResult probe(List<String> argv) throws Exception {
        CommandResult result = ProcessRunner.quiet().run(new Command(argv, Optional.of(Path.of("/")),
                Map.of("HOME", "/tmp"), java.time.Duration.ofMinutes(2)));
        assertThat(result.exitCode()).as(String.join(" ", argv) + "\n" + result.stdout() + result.stderr()).isZero();
        return result;
    }
}
