package dev.graft.ir;

import java.util.Arrays;
import java.util.Optional;

/** LLVM linkage types, each with its IR spelling ({@link #EXTERNAL} is written as nothing on definitions). */
public enum Linkage {
    EXTERNAL(""), PRIVATE("private"), INTERNAL("internal"), AVAILABLE_EXTERNALLY("available_externally"),
    LINKONCE("linkonce"), WEAK("weak"), COMMON("common"), APPENDING("appending"), EXTERN_WEAK("extern_weak"),
    LINKONCE_ODR("linkonce_odr"), WEAK_ODR("weak_odr");

    private final String spelling;

    Linkage(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    /** The linkage a keyword names; {@code external} (written on declarations) is {@link #EXTERNAL}. */
    public static Optional<Linkage> fromSpelling(String word) {
        if (word.equals("external")) {
            return Optional.of(EXTERNAL);
        }
        return Arrays.stream(values()).filter(l -> !l.spelling.isEmpty() && l.spelling.equals(word)).findFirst();
    }

    public boolean isLocal() {
        return this == PRIVATE || this == INTERNAL;
    }
}
