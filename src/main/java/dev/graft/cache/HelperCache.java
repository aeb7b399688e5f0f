package dev.graft.cache;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A directory of entries {@code <key>/helpers.bc} + {@code <key>/manifest.json}. An entry is built
 * in a private directory and renamed into place in one step, so concurrent graft processes see
 * either no entry or a whole one; when two race, the first rename wins and the other's copy is
 * dropped (both are the same bytes for the same key).
 */
public final class HelperCache {

    private static final String BITCODE = "helpers.bc";
    private static final String MANIFEST = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;

    public HelperCache(Path root) {
        this.root = root;
    }

    /** {@code GRAFT_CACHE_DIR}, else {@code $XDG_CACHE_HOME/graft}, else {@code ~/.cache/graft}. */
    public static HelperCache defaultLocation(Map<String, String> environment) {
        String explicit = environment.get("GRAFT_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return new HelperCache(Path.of(explicit));
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return new HelperCache(Path.of(xdg, "graft"));
        }
        return new HelperCache(Path.of(environment.getOrDefault("HOME", "/tmp"), ".cache", "graft"));
    }

    public Path root() {
        return root;
    }

    /** A usable entry for the key: present, whole, its bitcode matching its checksum, its inputs unchanged. */
    public Optional<CachedHelpers> lookup(String key) {
        Path dir = root.resolve(key);
        Path manifest = dir.resolve(MANIFEST);
        Path bitcode = dir.resolve(BITCODE);
        if (!Files.isRegularFile(manifest) || !Files.isRegularFile(bitcode)) {
            return Optional.empty();
        }
        try {
            CacheEntry entry = JSON.readValue(manifest.toFile(), CacheEntry.class);
            if (!Sha256.ofFile(bitcode).equals(entry.bitcodeSha256())) {
                evict(dir);
                return Optional.empty();
            }
            for (CacheEntry.Dependency d : entry.dependencies()) {
                Path path = Path.of(d.path());
                if (!Files.isRegularFile(path) || !Sha256.ofFile(path).equals(d.sha256())) {
                    return Optional.empty();
                }
            }
            return Optional.of(new CachedHelpers(bitcode, entry));
        } catch (IOException e) {
            // An unreadable or damaged manifest is a miss; the rebuild replaces the entry.
            evict(dir);
            return Optional.empty();
        }
    }

    /** Stores a finished bitcode file under the key and returns the stored entry. */
    public CachedHelpers store(String key, Path bitcode, CacheEntry entry) throws IOException {
        Files.createDirectories(root);
        Path staging = Files.createTempDirectory(root, "." + key + ".");
        try {
            Files.copy(bitcode, staging.resolve(BITCODE));
            JSON.writeValue(staging.resolve(MANIFEST).toFile(), entry);
            Path dir = root.resolve(key);
            evict(dir);
            try {
                Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                // Another process stored the same key first; its entry is as good as ours.
            }
            return new CachedHelpers(dir.resolve(BITCODE), entry);
        } finally {
            deleteTree(staging);
        }
    }

    private static void evict(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        // Rename first so no reader ever sees a half-deleted entry.
        Path doomed = dir.resolveSibling("." + dir.getFileName() + ".evicted-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime());
        try {
            Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(doomed);
        } catch (IOException e) {
            // Someone else evicted or replaced it meanwhile.
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // Leftover staging directories are dot-files and harmless.
        }
    }

    /** A usable entry: its bitcode file and manifest. */
    public record CachedHelpers(Path bitcode, CacheEntry entry) {
    }
}
