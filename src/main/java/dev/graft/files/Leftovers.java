package dev.graft.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names for temporary files and scratch directories that say which process owns them, and the sweep
 * that removes the ones a killed graft left behind ({@code kill -9}, a power cut: no clean-up runs).
 * A name carries its owner: a short digest of the machine's boot and PID namespace, and the PID.
 * Something is abandoned only when that is provable: its owner is in this boot and PID namespace and
 * no longer runs (or its PID now belongs to a process started after the file last changed); an entry
 * from another machine or container sharing the directory is removed only after {@link #FOREIGN_AGE}.
 * Concurrent graft processes therefore never remove each other's files.
 */
public final class Leftovers {

    static final String FILE_SUFFIX = ".graft-tmp";
    private static final String DIRECTORY_PREFIX = "graft-";
    private static final Duration FOREIGN_AGE = Duration.ofHours(24);
    /** Slack for comparing a process's start time (clock ticks since boot) with a file's mtime. */
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(1);

    /** {@code .NAME.<namespace>-<pid>-<random>[-<clang's random>].graft-tmp[.tmp]}. */
    private static final Pattern TEMP_FILE = Pattern.compile(
            "\\..+\\.([0-9a-z]+)-(\\d+)-[0-9a-z]+(-[0-9a-z]+)?\\.graft-tmp(\\.tmp)?");
    /** {@code graft-<namespace>-<pid>-<random>}. */
    private static final Pattern SCRATCH_DIRECTORY = Pattern.compile("graft-([0-9a-z]+)-(\\d+)-[0-9a-z]+");

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NAMESPACE = namespace();
    private static final long PID = ProcessHandle.current().pid();
    /** When each directory was last swept: again after {@link #SWEEP_AGAIN}, for a long-lived server. */
    private static final Map<Path, Instant> SWEPT = new ConcurrentHashMap<>();
    private static final Duration SWEEP_AGAIN = Duration.ofMinutes(5);

    private Leftovers() {
    }

    /** A new name for a temporary file that will become (or feed) {@code targetName}. */
    static String temporaryFileName(String targetName) {
        return "." + targetName + "." + owner() + FILE_SUFFIX;
    }

    /** A new name for a scratch directory. */
    public static String scratchDirectoryName() {
        return DIRECTORY_PREFIX + owner();
    }

    private static String owner() {
        return NAMESPACE + "-" + PID + "-" + Long.toString(RANDOM.nextLong() >>> 1, 36);
    }

    /** Removes abandoned temporary files in {@code directory}; once per directory every few minutes. */
    static void sweepTemporaryFiles(Path directory) {
        if (due(directory)) {
            sweep(directory, "*" + FILE_SUFFIX + "*", TEMP_FILE, true);
        }
    }

    /** Removes abandoned scratch directories in {@code root}; once per root every few minutes. */
    public static void sweepScratchDirectories(Path root) {
        if (due(root)) {
            sweep(root, DIRECTORY_PREFIX + "*", SCRATCH_DIRECTORY, false);
        }
    }

    /**
     * Whether {@code directory} is due a sweep: a one-shot graft sweeps each directory once; a server that
     * lives for hours sweeps again, or what an earlier server killed outright left would stay until it ends.
     */
    private static boolean due(Path directory) {
        Instant now = Instant.now();
        Path key = directory.toAbsolutePath().normalize();
        Instant last = SWEPT.get(key);
        if (last != null && last.isAfter(now.minus(SWEEP_AGAIN))) {
            return false;
        }
        // Two threads may both sweep at once: harmless, a sweep removes only what is provably abandoned.
        SWEPT.put(key, now);
        return true;
    }

    /**
     * {@code unnamedAreOurs}: the glob alone says graft made it (a {@code .graft-tmp} file of an older
     * graft, named without its owner), so it goes once it is as old as a foreign one.
     */
    private static void sweep(Path directory, String glob, Pattern named, boolean unnamedAreOurs) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, glob)) {
            for (Path entry : entries) {
                Matcher m = named.matcher(entry.getFileName().toString());
                boolean abandoned = m.matches() ? abandoned(m.group(1), Long.parseLong(m.group(2)), lastModified(entry))
                        : unnamedAreOurs && abandoned("", -1, lastModified(entry));
                if (abandoned) {
                    deleteTree(entry);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Sweeping is a courtesy to the next run; it never fails this one.
        }
    }

    private static Optional<Instant> lastModified(Path entry) {
        try {
            FileTime time = Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS);
            return Optional.of(time.toInstant());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static boolean abandoned(String namespace, long pid, Optional<Instant> lastModified) {
        if (lastModified.isEmpty()) {
            return false;
        }
        if (!namespace.equals(NAMESPACE)) {
            return lastModified.get().isBefore(Instant.now().minus(FOREIGN_AGE));
        }
        Optional<ProcessHandle> owner = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> !zombie(p.pid()));
        if (owner.isEmpty()) {
            return true;
        }
        // The PID was reused when its present holder started after the file last changed.
        return owner.get().info().startInstant()
                .map(start -> start.isAfter(lastModified.get().plus(CLOCK_SLACK))).orElse(false);
    }

    /**
     * A process that has ended but not been reaped (a server killed with -9 whose parent never waits for
     * it): Java calls it alive, but it will never touch its files again.
     */
    static boolean zombie(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        int end = stat.lastIndexOf(')'); // the command name in parentheses may itself hold spaces and ')'
        return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
    }

    /** Deletes a file, or a directory and everything in it, as far as possible. */
    public static void deleteTree(Path path) {
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // Gone already (another sweeper), or not ours to delete: either way nothing more to do.
        }
    }

    /**
     * This machine's boot and PID namespace, as a short digest: PIDs are only comparable within one
     * of each. Outside Linux it is a constant, and leftovers then fall to the age rule alone.
     */
    private static String namespace() {
        String identity = read(Path.of("/proc/sys/kernel/random/boot_id")) + "/" + link(Path.of("/proc/self/ns/pid"));
        return Long.toString(Integer.toUnsignedLong(identity.hashCode()), 36);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String link(Path file) {
        try {
            return Files.readSymbolicLink(file).toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
