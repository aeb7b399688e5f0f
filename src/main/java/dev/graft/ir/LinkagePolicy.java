package dev.graft.ir;

import java.util.Arrays;
import java.util.Optional;

/** What helper definitions become: the kernel's first {@code linkonce_odr}, or {@code internal} (later kernels). */
public enum LinkagePolicy {
    LINKONCE_ODR(Linkage.LINKONCE_ODR), INTERNAL(Linkage.INTERNAL);

    private final Linkage linkage;

    LinkagePolicy(Linkage linkage) {
        this.linkage = linkage;
    }

    public Linkage linkage() {
        return linkage;
    }

    /** As written on the command line: {@code linkonce_odr} or {@code internal}. */
    public String spelling() {
        return linkage.spelling();
    }

    public static Optional<LinkagePolicy> fromSpelling(String s) {
        return Arrays.stream(values()).filter(p -> p.spelling().equals(s)).findFirst();
    }
}
