package dev.graft.files;

import dev.graft.GraftException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a destination the user named is written, decided the way rustc's own outputs behave: a
 * regular file (or a new one) is replaced atomically; a symbolic link is followed, so its target is
 * what changes and the link stays; a device or FIFO is opened and written, never replaced (replacing
 * {@code /dev/null} with a file breaks the machine); a standard stream ({@code /dev/stdout},
 * {@code /proc/self/fd/1}, a link to either) is the command's own: its session's standard output or
 * error, after what graft already printed, wherever the command runs (a server's "self" is not the
 * client's); another process's descriptor ({@code /proc/PID/fd/N}) is opened and appended to.
 *
 * @param file the file that receives the bytes: the destination with its symbolic links followed
 * @param kind how it receives them
 */
public record OutputTarget(Path file, Kind kind) {

    /** How the bytes reach {@link #file}. */
    public enum Kind {
        /** A regular file or none yet: written beside it and renamed over it. */
        REPLACE,
        /** A character or block device, a FIFO or a socket: opened and written in place. */
        DEVICE,
        /** One of the command's own descriptors: {@link #descriptor} says which. */
        STANDARD_STREAM,
        /** Another process's open descriptor: opened and appended to. */
        DESCRIPTOR
    }

    /** Linux's limit for following symbolic links in one lookup (ELOOP). */
    private static final int MAX_LINKS = 40;

    private static final Pattern OWN_DESCRIPTOR = Pattern.compile(
            "/dev/std(?<name>in|out|err)|/dev/fd/(?<fd>\\d+)|/proc/(?<pid>self|thread-self|\\d+)/fd/(?<procfd>\\d+)");
    private static final String OWN_PID = Long.toString(ProcessHandle.current().pid());

    public boolean replaces() {
        return kind == Kind.REPLACE;
    }

    /** For {@link Kind#STANDARD_STREAM}: the descriptor number the path names (1 for /dev/stdout). */
    public int descriptor() {
        Matcher alias = OWN_DESCRIPTOR.matcher(file.normalize().toString());
        if (kind != Kind.STANDARD_STREAM || !alias.matches()) {
            throw new IllegalStateException(file + " is not a standard stream");
        }
        if (alias.group("name") != null) {
            return switch (alias.group("name")) {
                case "in" -> 0;
                case "out" -> 1;
                default -> 2;
            };
        }
        String number = alias.group("fd") != null ? alias.group("fd") : alias.group("procfd");
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Follows {@code destination}'s symbolic links (even a dangling one: rustc creates its target). */
    public static OutputTarget of(Path destination) throws GraftException {
        return of(destination, Path.of(""));
    }

    /** The same for a path relative to {@code workingDirectory}; messages show it as given. */
    public static OutputTarget of(Path destination, Path workingDirectory) throws GraftException {
        Path path = workingDirectory.resolve(destination).toAbsolutePath();
        for (int links = 0; ; links++) {
            Matcher alias = OWN_DESCRIPTOR.matcher(path.normalize().toString());
            if (alias.matches()) {
                String pid = alias.group("pid");
                boolean own = pid == null || pid.equals("self") || pid.equals("thread-self") || pid.equals(OWN_PID);
                return new OutputTarget(path, own ? Kind.STANDARD_STREAM : Kind.DESCRIPTOR);
            }
            Optional<BasicFileAttributes> attributes = attributes(path, destination);
            if (attributes.isEmpty() || attributes.get().isRegularFile()) {
                return new OutputTarget(path, Kind.REPLACE);
            }
            if (attributes.get().isDirectory()) {
                throw GraftException.badInput("cannot write " + destination + ": it is a directory");
            }
            if (!attributes.get().isSymbolicLink()) {
                return new OutputTarget(path, Kind.DEVICE);
            }
            if (links == MAX_LINKS) {
                throw GraftException.badInput("cannot write " + destination + ": too many levels of symbolic links");
            }
            path = follow(path, destination);
        }
    }

    private static Optional<BasicFileAttributes> attributes(Path path, Path destination) throws GraftException {
        try {
            return Optional.of(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw GraftException.io("cannot write " + destination, e);
        }
    }

    private static Path follow(Path link, Path destination) throws GraftException {
        try {
            return link.resolveSibling(Files.readSymbolicLink(link));
        } catch (IOException e) {
            throw GraftException.io("cannot follow the symbolic link " + destination, e);
        }
    }
}
