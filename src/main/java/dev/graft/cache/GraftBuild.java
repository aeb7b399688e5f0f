package dev.graft.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The digest of graft's own code: the jar it runs from (or the class directory a build or test runs from).
 * What graft writes into a cache entry is decided by its code, so the code's digest is part of every key: a
 * changed graft never reuses an entry an older one wrote, and there is no format number to forget to bump.
 * Computed once per JVM, from the jar's central directory, so a warm server pays it once.
 */
public final class GraftBuild {

    private GraftBuild() {
    }

    private static final class Holder {
        private static final String DIGEST = compute();
    }

    /** This graft's digest. */
    public static String digest() {
        return Holder.DIGEST;
    }

    /**
     * The digest of a jar's entries (each one's name, size and CRC-32, read from the zip's central directory:
     * no entry is decompressed, where hashing the whole jar costs a cold JVM a few hundred milliseconds), or
     * of a class directory's files (names and contents, in name order).
     *
     * @throws IOException when a file cannot be read
     */
    public static String of(Path codeLocation) throws IOException {
        if (Files.isRegularFile(codeLocation)) {
            // One line per entry, hashed at once: a JVM that has only just started runs this uncompiled.
            StringBuilder listing = new StringBuilder();
            try (ZipFile jar = new ZipFile(codeLocation.toFile())) {
                List<? extends ZipEntry> entries = jar.stream().sorted(Comparator.comparing(ZipEntry::getName))
                        .toList();
                for (ZipEntry entry : entries) {
                    listing.append(entry.getName()).append('\0').append(entry.getSize()).append('\0')
                            .append(entry.getCrc()).append('\n');
                }
            }
            return new Sha256().add(listing.toString()).hex();
        }
        Sha256 digest = new Sha256();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(codeLocation)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            digest.add(codeLocation.relativize(file).toString()).addFile(file);
        }
        return digest.hex();
    }

    private static String compute() {
        CodeSource source = GraftBuild.class.getProtectionDomain().getCodeSource();
        try {
            if (source != null && source.getLocation() != null) {
                return of(Path.of(source.getLocation().toURI()));
            }
        } catch (IOException | URISyntaxException | UncheckedIOException | IllegalArgumentException e) {
            // Below.
        }
        // graft's code cannot be read back (a runtime image without a code source): an identity of this JVM
        // alone makes every entry a miss, slow but never an entry an older graft wrote.
        return "unidentified-" + UUID.randomUUID();
    }
}
