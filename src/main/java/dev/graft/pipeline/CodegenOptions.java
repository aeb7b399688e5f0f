package dev.graft.pipeline;

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
 */
public record CodegenOptions(String triple, String optLevel, Optional<String> relocationModel,
                             Optional<String> codeModel, Optional<String> targetCpu, List<String> targetFeatures,
                             boolean functionSections, List<String> llvmArgs) {

    public CodegenOptions {
        targetFeatures = List.copyOf(targetFeatures);
        llvmArgs = List.copyOf(llvmArgs);
    }

    /** Reads rustc-style flags ({@code -Copt-level=2 --target T -Ctarget-feature=+x ...}). */
    public static CodegenOptions fromRustcFlags(List<String> flags, String hostTriple) {
        return CodegenFlags.read(RustcArgument.split(flags), hostTriple);
    }

    /** The same for {@code graft link}, which has no rustc to read the rest: any other option is refused. */
    public static CodegenOptions fromLinkFlags(List<String> flags, String hostTriple) throws GraftException {
        List<RustcArgument> arguments = RustcArgument.split(flags);
        CodegenFlags.requireOnlyCodegenOptions(arguments);
        return CodegenFlags.read(arguments, hostTriple);
    }
}
