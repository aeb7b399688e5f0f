package dev.graft.cache;

import java.util.List;

/**
 * What a cache entry's manifest records: the files the compile read with their digests, the files
 * that did not exist and would have changed the compile had they existed (a header earlier on the
 * search path), the digest of the bitcode itself, and facts about the helpers that callers want
 * without re-reading it.
 */
public record CacheEntry(List<Dependency> dependencies, List<String> absentFiles, String bitcodeSha256,
                         List<String> helpers, List<String> notes) {

    public record Dependency(String path, String sha256) {
    }

    public CacheEntry {
        dependencies = List.copyOf(dependencies);
        // A manifest written before absentFiles existed reads as null: nothing recorded, nothing to check.
        absentFiles = absentFiles == null ? List.of() : List.copyOf(absentFiles);
        helpers = List.copyOf(helpers);
        notes = List.copyOf(notes);
    }
}
