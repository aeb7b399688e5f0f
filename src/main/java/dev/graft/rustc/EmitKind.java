package dev.graft.rustc;

import java.util.Arrays;
import java.util.Optional;

/** rustc's {@code --emit} kinds and the file extension rustc gives each. */
public enum EmitKind {
    ASM("asm", "s"), LLVM_BC("llvm-bc", "bc"), LLVM_IR("llvm-ir", "ll"), OBJ("obj", "o"), METADATA("metadata", "rmeta"),
    LINK("link", ""), DEP_INFO("dep-info", "d"), MIR("mir", "mir");

    private final String spelling;
    private final String extension;

    EmitKind(String spelling, String extension) {
        this.spelling = spelling;
        this.extension = extension;
    }

    public String spelling() {
        return spelling;
    }

    public static Optional<EmitKind> fromSpelling(String s) {
        return Arrays.stream(values()).filter(k -> k.spelling.equals(s)).findFirst();
    }

    /** The file name rustc derives from an output stem, e.g. {@code libfoo.rmeta} or {@code foo.o}. */
    String fileName(String stem) {
        return this == METADATA ? "lib" + stem + "." + extension : stem + "." + extension;
    }
}
