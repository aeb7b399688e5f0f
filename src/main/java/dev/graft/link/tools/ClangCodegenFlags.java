package dev.graft.link.tools;

import dev.graft.GraftException;
import dev.graft.link.CodegenOptions;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates a crate's {@link CodegenOptions} into the clang flags that make {@code clang -c crate.bc}
 * generate code as rustc would have: same triple, optimisation level, relocation and code model,
 * CPU, features, function sections, traps on {@code unreachable} and {@code -Cllvm-args}.
 */
final class ClangCodegenFlags {

    private ClangCodegenFlags() {
    }

    static List<String> of(CodegenOptions options) throws GraftException {
        List<String> flags = new ArrayList<>();
        flags.add("--target=" + options.triple());
        flags.add("-O" + options.optLevel());
        flags.add(switch (options.checkedRelocationModel()) {
            case PIC -> "-fPIC";
            case PIE -> "-fPIE";
            case STATIC, DYNAMIC_NO_PIC -> "-fno-pic";
        });
        options.checkedCodeModel().ifPresent(model -> flags.add("-mcmodel=" + model));
        options.targetCpu().ifPresent(cpu -> flags.add((isX86(options.triple()) ? "-march=" : "-mcpu=") + cpu));
        for (String feature : options.targetFeatures()) {
            flags.addAll(List.of("-Xclang", "-target-feature", "-Xclang", feature));
        }
        if (options.functionSections()) {
            flags.addAll(List.of("-ffunction-sections", "-fdata-sections"));
        } else {
            flags.addAll(List.of("-fno-function-sections", "-fno-data-sections"));
        }
        for (String arg : options.llvmArgs()) {
            flags.addAll(List.of("-mllvm", arg));
        }
        if (options.trapUnreachable()) {
            // rustc's target machine traps on unreachable (except right after a noreturn call); clang's does not.
            // After -Cllvm-args, where the last occurrence wins: rustc sets these past any -trap-unreachable=false.
            flags.addAll(List.of("-mllvm", "-trap-unreachable", "-mllvm", "-no-trap-after-noreturn"));
        }
        // Expected noise when clang compiles bitcode: it is not ours to fail on.
        flags.addAll(List.of("-Wno-override-module", "-Wno-unused-command-line-argument"));
        return flags;
    }


    private static boolean isX86(String triple) {
        return triple.startsWith("x86_64") || triple.startsWith("i686") || triple.startsWith("i586")
                || triple.startsWith("i386");
    }
}
