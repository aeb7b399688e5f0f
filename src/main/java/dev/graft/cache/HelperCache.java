package dev.graft.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.GraftException;
import dev.graft.files.AtomicOutput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * Two kinds of file: {@code blobs/<sha256>.bc}, immutable bitcode named by its own digest, and
 * {@code manifests/<key>.json}, saying which blob a key's inputs produced. Both are written to a
 * temporary file and renamed into place, so concurrent graft processes need no lock: a reader sees
 * a whole old manifest or a whole new one, and a blob, once there, never changes (a second writer of
 * the same blob writes the same bytes). A blob whose bytes no longer match its name is moved aside
 * and the entry rebuilt.
 */
public final class HelperCache {

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

    private Path manifest(String key) {
        return root.resolve("manifests").resolve(key + ".json");
    }

    private Path blob(String sha256) {
        return root.resolve("blobs").resolve(sha256 + ".bc");
    }

    /**
     * A usable entry for the key: its manifest whole, its blob matching its digest, its inputs unchanged,
     * and none of the files recorded as absent present now.
     */
    public Optional<CachedHelpers> lookup(String key) {
        Path manifest = manifest(key);
        if (!Files.isRegularFile(manifest)) {
            return Optional.empty();
        }
        try {
            CacheEntry entry = JSON.readValue(manifest.toFile(), CacheEntry.class);
            Path blob = blob(entry.bitcodeSha256());
            if (!Files.isRegularFile(blob)) {
                return Optional.empty();
            }
            if (!Sha256.ofFile(blob).equals(entry.bitcodeSha256())) {
                quarantine(blob);
                return Optional.empty();
            }
            for (CacheEntry.Dependency d : entry.dependencies()) {
                Path path = Path.of(d.path());
                if (!Files.isRegularFile(path) || !Sha256.ofFile(path).equals(d.sha256())) {
                    return Optional.empty();
                }
            }
            for (String absent : entry.absentFiles()) {
                if (Files.exists(Path.of(absent))) {
                    return Optional.empty();
                }
            }
            return Optional.of(new CachedHelpers(blob, entry));
        } catch (IOException e) {
            // An unreadable or damaged manifest is a miss; storing the rebuilt entry replaces it.
            return Optional.empty();
        }
    }

    /** Stores finished bitcode under the key; {@code entry.bitcodeSha256()} must be its digest. */
    public CachedHelpers store(String key, Path bitcode, CacheEntry entry) throws IOException {
        Path blob = blob(entry.bitcodeSha256());
        if (!Files.isRegularFile(blob)) {
            publish(blob, out -> Files.copy(bitcode, out));
        }
        publish(manifest(key), out -> JSON.writeValue(out, entry));
        return new CachedHelpers(blob, entry);
    }

    private static void publish(Path destination, AtomicOutput.Content content) throws IOException {
        Files.createDirectories(destination.getParent());
        try {
            AtomicOutput.write(destination, content);
        } catch (GraftException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Removes a damaged blob so the next store writes a good one. */
    private static void quarantine(Path blob) {
        try {
            Path doomed = blob.resolveSibling("." + blob.getFileName() + ".damaged-" + System.nanoTime());
            Files.move(blob, doomed, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(doomed);
        } catch (IOException e) {
            // Another process removed it first.
        }
    }

    /** A usable entry: its bitcode file and manifest. */
    public record CachedHelpers(Path bitcode, CacheEntry entry) {
    }
}
