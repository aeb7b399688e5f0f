package dev.graft.cargo;

import dev.graft.GraftException;
import dev.graft.files.AtomicOutput;
import dev.graft.files.FileStamp;
import dev.graft.report.ReportJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The report files of a cargo build, written by one graft request and read by another: a codegen unit's report
 * by the linker shim for the wrapper, and every crate's report by each crate after it, which rewrites the summary
 * from all of them. A warm server runs all those requests, so it remembers each report it wrote or read by the
 * file's identity and last change, and reads a file again only when it is a new one (a report is replaced by
 * renaming a new file over it). Without that, a build's summary cost every crate a parse of every report before it.
 */
final class ReportFiles {

    private static final int REMEMBERED = 4096;
    private static final Map<Key, Record> KNOWN = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Key, Record> eldest) {
                    return size() > REMEMBERED;
                }
            });

    /** A report file as it is now: a file written again, or another renamed over it, is another key. */
    private record Key(Path file, FileStamp stamp) {
    }

    private ReportFiles() {
    }

    static void write(Path file, Record report) throws GraftException {
        AtomicOutput.writeString(file, ReportJson.write(report));
        key(file).ifPresent(written -> KNOWN.put(written, report));
    }

    /**
     * The report in {@code file}, of {@code type}.
     *
     * @throws ReportJson.Unreadable it is not such a report
     */
    static <T extends Record> T read(Path file, Class<T> type) throws IOException {
        Optional<Key> key = key(file);
        Record known = key.map(KNOWN::get).orElse(null);
        if (type.isInstance(known)) {
            return type.cast(known);
        }
        T report = ReportJson.read(Files.readString(file, StandardCharsets.UTF_8), type);
        key.ifPresent(k -> KNOWN.put(k, report));
        return report;
    }

    /** The file's key; empty when it cannot be read or the file system gives no identity (the file is then parsed). */
    private static Optional<Key> key(Path file) {
        return FileStamp.of(file).filter(s -> s.identity() != null).map(s -> new Key(file.toAbsolutePath(), s));
    }
}
