package dev.graft.link;

import dev.graft.GraftException;

import java.util.List;
import java.util.Optional;

/**
 * The code generation settings rustc would have used for the crate's object, read from its
 * command line. Anything not listed here travels inside the bitcode itself (function attributes
 * such as {@code "target-cpu"}, {@code "probe-stack"}, {@code noredzone}; module flags such as
 * {@code "PIC Level"} or {@code "cf-protection-branch"}).
 *
 * @param triple           {@code --target}, else rustc's host triple
 * @param optLevel         {@code -Copt-level} / {@code -O}: 0, 1, 2, 3, s or z (rustc's default is 0)
 * @param relocationModel  {@code -Crelocation-model}; empty means the target's default (pic on Linux)
 * @param codeModel        {@code -Ccode-model}
 * @param targetCpu        {@code -Ctarget-cpu}
 * @param targetFeatures   every {@code -Ctarget-feature} entry, in order
 * @param functionSections {@code -Zfunction-sections}; rustc's default on ELF targets is on
 * @param llvmArgs         {@code -Cllvm-args}, split on spaces as rustc does
 * @param trapUnreachable  {@code -Ztrap-unreachable}, else the target's default ({@link #trapsByDefault}): rustc
 *                         then has LLVM generate a trap for an {@code unreachable} that does not follow a call
 *                         that never returns ({@code ud2} on x86-64), so an impossible path cannot fall through
 *                         into the next function
 */
public record CodegenOptions(String triple, String optLevel, Optional<String> relocationModel,
                             Optional<String> codeModel, Optional<String> targetCpu, List<String> targetFeatures,
                             boolean functionSections, List<String> llvmArgs, boolean trapUnreachable) {

    /** The relocation models graft generates code for, as rustc spells them. */
    public enum RelocationModel {
        PIC("pic"), PIE("pie"), STATIC("static"), DYNAMIC_NO_PIC("dynamic-no-pic");

        private final String spelling;

        RelocationModel(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }

    /** The code models LLVM knows, as rustc spells them. */
    public static final List<String> CODE_MODELS = List.of("tiny", "small", "kernel", "medium", "large");

    /** rustc 1.95's built-in targets whose spec says {@code trap_unreachable: false}; every other one traps. */
    private static final List<String> TARGETS_WITHOUT_TRAPS = List.of("msp430-none-elf");

    public CodegenOptions {
        targetFeatures = List.copyOf(targetFeatures);
        llvmArgs = List.copyOf(llvmArgs);
    }

    /**
     * The same options for the triple rustc wrote into the crate's bitcode, when it wrote one: the target's LLVM
     * name, which is not always rustc's ({@code aarch64-unknown-none} for {@code aarch64-unknown-none-softfloat},
     * a name clang refuses; a target specification's {@code llvm-target}).
     */
    public CodegenOptions forCrateTriple(String crateTriple) {
        return crateTriple.isBlank() ? this : new CodegenOptions(crateTriple, optLevel, relocationModel, codeModel,
                targetCpu, targetFeatures, functionSections, llvmArgs, trapUnreachable);
    }

    /** Whether rustc traps on {@code unreachable} for {@code triple} when no {@code -Ztrap-unreachable} says. */
    public static boolean trapsByDefault(String triple) {
        return !TARGETS_WITHOUT_TRAPS.contains(triple);
    }

    /**
     * The relocation model, pic when none was asked for (rustc's default on Linux), checked: one message for
     * both backends when graft cannot generate code for it.
     */
    public RelocationModel checkedRelocationModel() throws GraftException {
        String model = relocationModel.orElse("pic");
        for (RelocationModel known : RelocationModel.values()) {
            if (known.spelling.equals(model)) {
                return known;
            }
        }
        throw GraftException.badInput("-Crelocation-model=" + model + " is not supported by graft yet (pic, pie, "
                + "static, dynamic-no-pic are)");
    }

    /** The code model, if one was asked for, checked against LLVM's: a backend maps it without surprises. */
    public Optional<String> checkedCodeModel() throws GraftException {
        if (codeModel.isPresent() && !CODE_MODELS.contains(codeModel.get())) {
            throw GraftException.badInput("-Ccode-model=" + codeModel.get() + " is not a code model (valid: "
                    + String.join(", ", CODE_MODELS) + ")");
        }
        return codeModel;
    }
}
