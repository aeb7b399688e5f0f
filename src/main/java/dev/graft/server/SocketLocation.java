package dev.graft.server;

import dev.graft.GraftException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Map;
import java.util.Set;

/**
 * Where a user's graft server listens: {@code GRAFT_SOCKET}, which the launcher ({@code ./graft}) sets,
 * the one place that chooses it (one socket per user and checkout, in {@code graft-UID} under the first
 * writable of {@code XDG_RUNTIME_DIR}, {@code TMPDIR}, {@code /tmp}). The directory is the user's
 * alone (0700): another user can neither reach the socket nor plant one there.
 */
public final class SocketLocation {

    private SocketLocation() {
    }

    public static Path socket(Map<String, String> environment) throws GraftException {
        String explicit = environment.get("GRAFT_SOCKET");
        if (explicit == null || explicit.isEmpty()) {
            throw GraftException.badInput("no server socket given: run graft through its launcher (./graft), which "
                    + "sets GRAFT_SOCKET, or give --socket");
        }
        return Path.of(explicit).toAbsolutePath();
    }

    /**
     * Creates the socket's directory (0700) if it is missing; refuses one that is not a directory owned by
     * this user, or that others may enter.
     */
    static UserPrincipal prepareDirectory(Path directory) throws GraftException {
        try {
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(directory.getParent());
                try {
                    Files.createDirectory(directory,
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // Another server or client made it at the same moment: checked below like any other.
                }
            }
            UserPrincipal owner = Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS);
            UserPrincipal me = Files.getOwner(Path.of("/proc/self"));
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS);
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS) || !owner.equals(me)
                    || permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw GraftException.badInput("the graft server's directory " + directory + " must be a directory "
                        + "owned by " + me.getName() + " that only its owner can enter (0700)");
            }
            return me;
        } catch (IOException e) {
            throw GraftException.io("cannot prepare the graft server's directory " + directory, e);
        }
    }
}
