package dev.graft.cache;

import java.util.List;

/**
 * What a cache entry's manifest records: the files the compile read with their digests, the
 * digest of the bitcode itself, and facts about the helpers that callers want without re-reading it.
 */
public record CacheEntry(List<Dependency> dependencies, String bitcodeSha256, List<String> helpers,
                         List<String> notes) {

    public record Dependency(String path, String sha256) {
    }

    public CacheEntry {
        dependencies = List.copyOf(dependencies);
        helpers = List.copyOf(helpers);
        notes = List.copyOf(notes);
    }
}
