package dev.graft.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@link CodegenOptions} from rustc options; the last occurrence of a flag wins, as in rustc. */
final class CodegenFlags {

    private static final Set<String> NO = Set.of("n", "no", "off", "false");

    private CodegenFlags() {
    }

    static CodegenOptions read(List<RustcArgument> arguments, String hostTriple) {
        String triple = hostTriple;
        String optLevel = "0";
        Optional<String> relocationModel = Optional.empty();
        Optional<String> codeModel = Optional.empty();
        Optional<String> targetCpu = Optional.empty();
        List<String> features = new ArrayList<>();
        List<String> llvmArgs = new ArrayList<>();
        boolean functionSections = true;
        for (RustcArgument a : arguments) {
            if (a.is("--target")) {
                triple = a.value().orElse(triple);
            } else if (a.is("-O")) {
                optLevel = "2";
            } else if (a.is("-C", "--codegen")) {
                String value = a.keyValue();
                switch (a.key().orElse("")) {
                    case "opt-level" -> optLevel = value;
                    case "relocation-model" -> relocationModel = Optional.of(value);
                    case "code-model" -> codeModel = Optional.of(value);
                    case "target-cpu" -> targetCpu = Optional.of(value);
                    case "target-feature" -> features.addAll(Arrays.stream(value.split(","))
                            .filter(f -> !f.isBlank()).toList());
                    case "llvm-args" -> llvmArgs.addAll(Arrays.stream(value.split(" "))
                            .filter(f -> !f.isBlank()).toList());
                    default -> {
                    }
                }
            } else if (a.is("-Z") && a.key().orElse("").equals("function-sections")) {
                functionSections = !NO.contains(a.keyValue());
            }
        }
        return new CodegenOptions(triple, optLevel, relocationModel, codeModel, targetCpu, features,
                functionSections, llvmArgs);
    }
}
