package dev.graft.session;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a long-lived JVM remembers across commands so a warm command need not learn again what one
 * learnt a moment ago (a located toolchain, a helper library read). Whoever remembers a value chooses
 * its key, and puts in the key everything the value depends on (files' identities and modification
 * times), so a changed input is a different key. Bounded: past {@link #LIMIT} entries it starts over, except
 * for what {@link #keepFirst} kept, which is what the JVM is (the toolchain whose libLLVM it loaded), not a
 * cache: forgetting it would let a request for another toolchain be served with this one's libLLVM.
 */
public final class Memo {

    static final int LIMIT = 128;
    /**
     * The key of the fingerprint of the toolchain whose libLLVM this JVM loaded: the first one a command
     * locates. One JVM serves one; a command for another is {@link ServedElsewhere}.
     */
    public static final String SERVED_TOOLCHAIN = "served toolchain";

    private final Map<Object, Object> values = new ConcurrentHashMap<>();
    private final Map<Object, Object> firsts = new ConcurrentHashMap<>();

    public <T> Optional<T> recall(Object key, Class<T> type) {
        Object value = firsts.get(key);
        return Optional.ofNullable(value != null ? value : values.get(key)).filter(type::isInstance).map(type::cast);
    }

    public void keep(Object key, Object value) {
        if (values.size() >= LIMIT) {
            values.clear();
        }
        values.put(key, value);
    }

    /**
     * Keeps {@code value} unless a value is kept under {@code key} already; returns the one kept, which stays for
     * the JVM's life.
     */
    public <T> T keepFirst(Object key, T value, Class<T> type) {
        Object kept = firsts.putIfAbsent(key, value);
        return kept == null ? value : type.cast(kept);
    }
}
