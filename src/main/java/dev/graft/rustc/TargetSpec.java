package dev.graft.rustc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.GraftException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A custom target specification, {@code --target path.json} (Kbuild compiles every x86_64 Rust object with
 * {@code --target=./scripts/target.json}, which scripts/generate_rust_target writes): the code generation
 * settings rustc takes from it, each of which a {@code -C}/{@code -Z} option may override. rustc reads a key
 * the file leaves out as {@code rustc_target::spec::TargetOptions}' default (what {@code rustc --print
 * target-spec-json} leaves out too): no CPU of its own (rustc's "generic"), no features, no code model,
 * relocation model pic, function sections and traps on {@code unreachable} on. The data layout and the
 * settings rustc turns into function attributes or module flags ({@code disable-redzone}, {@code frame-pointer},
 * {@code stack-probes}, {@code rustc-abi}, ...) travel in the crate's bitcode, whose triple and data layout
 * are checked against the helpers' as for a built-in target.
 *
 * @param file            the file, as found
 * @param llvmTarget      {@code llvm-target}: the triple LLVM generates code for
 * @param cpu             {@code cpu}, when the file names one
 * @param features        {@code features}, split on ',' (before any {@code -Ctarget-feature}, as rustc orders them)
 * @param llvmArgs        {@code llvm-args} (before any {@code -Cllvm-args})
 * @param codeModel       {@code code-model}
 * @param relocationModel {@code relocation-model}
 * @param functionSections {@code function-sections}
 * @param trapUnreachable {@code trap-unreachable}
 */
public record TargetSpec(Path file, String llvmTarget, Optional<String> cpu, List<String> features,
                         List<String> llvmArgs, Optional<String> codeModel, String relocationModel,
                         boolean functionSections, boolean trapUnreachable) {

    /**
     * Keys that set LLVM target options graft's backends cannot set (the C API's target machine has no ABI name,
     * float ABI or thread model): an object made without them would differ from rustc's, so graft refuses.
     */
    private static final Set<String> UNSUPPORTED = Set.of("llvm-abiname", "llvm-floatabi", "singlethread");

    public TargetSpec {
        features = List.copyOf(features);
        llvmArgs = List.copyOf(llvmArgs);
    }

    /** Whether rustc reads {@code --target VALUE} as a file: a value ending in {@code .json}, as rustc decides. */
    public static boolean names(String target) {
        return target.endsWith(".json");
    }

    /** Reads the file rustc would read: {@code target}, relative to rustc's working directory. */
    public static TargetSpec read(Path workingDirectory, String target) throws GraftException {
        Path file = workingDirectory.resolve(target);
        JsonNode spec;
        try {
            spec = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw GraftException.badInput("cannot read the target specification " + file + " (--target=" + target
                    + "): " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (spec == null || !spec.isObject()) {
            throw GraftException.badInput("the target specification " + file + " is not a JSON object");
        }
        for (String key : UNSUPPORTED) {
            if (spec.has(key)) {
                throw GraftException.badInput("the target specification " + file + " sets \"" + key + "\", which "
                        + "graft cannot give LLVM: build this crate with rustc alone");
            }
        }
        String llvmTarget = text(spec, "llvm-target").filter(s -> !s.isBlank()).orElseThrow(() ->
                GraftException.badInput("the target specification " + file + " has no \"llvm-target\""));
        List<String> features = text(spec, "features").map(f -> Arrays.stream(f.split(","))
                .filter(s -> !s.isBlank()).toList()).orElse(List.of());
        List<String> llvmArgs = new ArrayList<>();
        spec.path("llvm-args").forEach(arg -> llvmArgs.add(arg.asText()));
        return new TargetSpec(file, llvmTarget, text(spec, "cpu"), features, llvmArgs, text(spec, "code-model"),
                text(spec, "relocation-model").orElse("pic"), bool(spec, "function-sections", true),
                bool(spec, "trap-unreachable", true));
    }

    private static Optional<String> text(JsonNode spec, String key) {
        JsonNode value = spec.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static boolean bool(JsonNode spec, String key, boolean otherwise) {
        JsonNode value = spec.get(key);
        return value == null || value.isNull() ? otherwise : value.asBoolean();
    }
}
