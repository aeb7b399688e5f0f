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
 * Where a user's graft server listens: {@code GRAFT_SOCKET} (the launcher sets one per checkout), else
 * {@code graft.sock} in {@code $XDG_RUNTIME_DIR/graft-UID} or {@code /tmp/graft-UID}. The directory is
 * the user's alone (0700): another user can neither reach the socket nor plant one there.
 */
public final class SocketLocation {

    private SocketLocation() {
    }

    public static Path socket(Map<String, String> environment) {
        String explicit = environment.get("GRAFT_SOCKET");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String runtime = environment.getOrDefault("XDG_RUNTIME_DIR", "");
        Path base = runtime.isEmpty() ? Path.of("/tmp") : Path.of(runtime);
        return base.resolve("graft-" + currentUid()).resolve("graft.sock");
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

    private static String currentUid() {
        try {
            return Files.getAttribute(Path.of("/proc/self"), "unix:uid").toString();
        } catch (IOException | UnsupportedOperationException e) {
            return System.getProperty("user.name");
        }
    }
}
