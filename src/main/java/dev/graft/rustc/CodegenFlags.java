package dev.graft.rustc;

import dev.graft.GraftException;
import dev.graft.link.CodegenOptions;
import dev.graft.rustc.RustcOption.Meaning;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads {@link CodegenOptions} from rustc options; the last occurrence of a flag wins, as in rustc. */
public final class CodegenFlags {

    private static final Set<String> NO = Set.of("n", "no", "off", "false");

    /** rustc's optimisation level when no {@code -O} or {@code -C opt-level} says. */
    static final String DEFAULT_OPT_LEVEL = "0";
    /** What graft reads {@code -O} as: rustc 1.86 and later mean opt-level 3 by it (its --help says so). */
    static final String DASH_O_OPT_LEVEL = "3";

    /** The {@code -C} keys {@link #read} understands. */
    private static final Set<String> CODEGEN_KEYS = Set.of("opt-level", "relocation-model", "code-model",
            "target-cpu", "target-feature", "llvm-args");

    /** What {@code graft link} takes after '--', as the user would write it. */
    static final List<String> LINK_OPTIONS = List.of("--target T", "-O", "-Copt-level", "-Crelocation-model",
            "-Ccode-model", "-Ctarget-cpu", "-Ctarget-feature", "-Cllvm-args", "-Zfunction-sections",
            "-Ztrap-unreachable");

    /** The {@code -Z} keys {@link #read} understands. */
    private static final Set<String> UNSTABLE_KEYS = Set.of("function-sections", "trap-unreachable");

    private CodegenFlags() {
    }

    /** {@code -O} or {@code -C opt-level}, whichever comes last, as rustc reads them; else rustc's default. */
    static String optLevel(List<RustcArgument> arguments) {
        String optLevel = DEFAULT_OPT_LEVEL;
        for (RustcArgument a : arguments) {
            if (a.means(Meaning.OPTIMIZE)) {
                optLevel = DASH_O_OPT_LEVEL;
            } else if (a.means(Meaning.CODEGEN) && a.key().orElse("").equals("opt-level")) {
                optLevel = a.keyValue();
            }
        }
        return optLevel;
    }

    /**
     * {@code --target path.json} ({@link TargetSpec}) is read relative to {@code workingDirectory}, rustc's: its
     * settings come first, and the command line's options override them as they do in rustc.
     */
    static CodegenOptions read(List<RustcArgument> arguments, String hostTriple, Path workingDirectory)
            throws GraftException {
        Optional<TargetSpec> spec = Optional.empty();
        String triple = hostTriple;
        for (RustcArgument a : arguments) {
            if (a.means(Meaning.TARGET) && a.value().isPresent()) {
                spec = TargetSpec.names(a.value().get())
                        ? Optional.of(TargetSpec.read(workingDirectory, a.value().get())) : Optional.empty();
                triple = spec.map(TargetSpec::llvmTarget).orElse(a.value().get());
            }
        }
        Optional<String> relocationModel = spec.map(TargetSpec::relocationModel);
        Optional<String> codeModel = spec.flatMap(TargetSpec::codeModel);
        Optional<String> targetCpu = spec.flatMap(TargetSpec::cpu);
        List<String> features = new ArrayList<>(spec.map(TargetSpec::features).orElse(List.of()));
        List<String> llvmArgs = new ArrayList<>(spec.map(TargetSpec::llvmArgs).orElse(List.of()));
        boolean functionSections = spec.map(TargetSpec::functionSections).orElse(true);
        Optional<Boolean> trapUnreachable = spec.map(TargetSpec::trapUnreachable);
        for (RustcArgument a : arguments) {
            if (a.means(Meaning.CODEGEN)) {
                String value = a.keyValue();
                switch (a.key().orElse("")) {
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
            } else if (a.means(Meaning.UNSTABLE) && a.key().orElse("").equals("function-sections")) {
                functionSections = !NO.contains(a.keyValue());
            } else if (a.means(Meaning.UNSTABLE) && a.key().orElse("").equals("trap-unreachable")) {
                trapUnreachable = Optional.of(!NO.contains(a.keyValue()));
            }
        }
        return new CodegenOptions(triple, optLevel(arguments), relocationModel, codeModel, targetCpu, features,
                functionSections, llvmArgs, trapUnreachable.orElse(CodegenOptions.trapsByDefault(triple)));
    }

    /**
     * Refuses any option {@link #read} would ignore: for a rustc command line rustc itself reads the rest,
     * but {@code graft link} has no rustc behind it, and an ignored option is a silently wrong object.
     */
    private static void requireOnlyCodegenOptions(List<RustcArgument> arguments) throws GraftException {
        for (RustcArgument a : arguments) {
            boolean known = a.means(Meaning.TARGET) && a.value().isPresent() || a.means(Meaning.OPTIMIZE)
                    || a.means(Meaning.CODEGEN) && CODEGEN_KEYS.contains(a.key().orElse(""))
                    || a.means(Meaning.UNSTABLE) && UNSTABLE_KEYS.contains(a.key().orElse(""));
            if (!known) {
                throw GraftException.badInput("the link command does not take '" + written(a)
                        + "': after '--' it takes only these code generation options: "
                        + String.join(", ", LINK_OPTIONS));
            }
        }
    }

    private static String written(RustcArgument a) {
        return a.words().isEmpty() ? a.name() : String.join(" ", a.words());
    }

    /**
     * The code generation options of {@code graft link}, which has no rustc to read the rest: any other is refused.
     * A {@code --target path.json} is relative to {@code workingDirectory}.
     */
    public static CodegenOptions fromLinkFlags(List<String> flags, String hostTriple, Path workingDirectory)
            throws GraftException {
        List<RustcArgument> arguments = RustcArgument.split(flags);
        requireOnlyCodegenOptions(arguments);
        return read(arguments, hostTriple, workingDirectory);
    }
}
