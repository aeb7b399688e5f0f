package dev.graft.rustc;

import dev.graft.GraftException;
import dev.graft.link.CodegenOptions;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rustc command line that emits an object, understood well enough to turn its object output
 * into bitcode and back. Output paths follow rustc's own rules: an explicit {@code --emit=kind=PATH}
 * wins; with {@code -o PATH} a single output goes to PATH and several share PATH's stem; otherwise
 * {@code <out-dir or cwd>/<crate-name><extra-filename>.<ext>}. Paths stay as the user wrote them
 * (relative to rustc's working directory), because rustc writes them so into dep-info files. What
 * {@code graft rustc} makes of the one {@link RustcInvocation}: it reads no argv of its own.
 */
public final class RustcCommandLine {

    private final RustcInvocation invocation;
    private final Map<EmitKind, Path> outputs;
    private final CodegenOptions codegen;
    private final String crateName;

    private RustcCommandLine(RustcInvocation invocation, Map<EmitKind, Path> outputs, CodegenOptions codegen,
                             String crateName) {
        this.invocation = invocation;
        this.outputs = outputs;
        this.codegen = codegen;
        this.crateName = crateName;
    }

    /**
     * The command's outputs, checked to include one object and no link; {@code workingDirectory} is rustc's, where
     * a {@code --target path.json} is read.
     */
    public static RustcCommandLine of(RustcInvocation invocation, String hostTriple, Path workingDirectory)
            throws GraftException {
        Map<EmitKind, Optional<Path>> emits = new LinkedHashMap<>();
        for (String list : invocation.values(RustcOption.Meaning.EMIT)) {
            parseEmit(list, emits);
        }
        if (emits.isEmpty()) {
            throw GraftException.badInput("the rustc command line has no --emit: graft rustc wraps a command that "
                    + "emits an object, e.g. --emit=obj=foo.o or --emit=obj -o foo.o");
        }
        if (!emits.containsKey(EmitKind.OBJ)) {
            throw GraftException.badInput("the rustc command line emits no object (--emit="
                    + String.join(",", emits.keySet().stream().map(EmitKind::spelling).toList())
                    + "): graft rustc needs --emit=obj");
        }
        if (emits.containsKey(EmitKind.LINK)) {
            throw GraftException.badInput("--emit=link cannot be wrapped: rustc would link its own object, not "
                    + "graft's; emit obj and link it in your build instead");
        }
        Optional<String> fromInput = lastInput(invocation).map(RustcCommandLine::crateNameFromFile);
        String name = invocation.crateName().or(() -> fromInput).orElseThrow(
                () -> GraftException.badInput("the rustc command line names no input file and no --crate-name"));
        String extraFilename = invocation.codegen().getOrDefault("extra-filename", "");
        Map<EmitKind, Path> resolved = resolveOutputs(emits, invocation.outputFile(),
                invocation.outDir().orElse(Path.of("")), name + extraFilename);
        return new RustcCommandLine(invocation, resolved, invocation.codegenOptions(hostTriple,
                workingDirectory), name);
    }

    private static Optional<Path> lastInput(RustcInvocation invocation) {
        List<String> inputs = invocation.inputs();
        return inputs.isEmpty() ? Optional.empty() : Optional.of(Path.of(inputs.getLast()));
    }

    private static void parseEmit(String list, Map<EmitKind, Optional<Path>> emits) throws GraftException {
        for (String item : list.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int eq = item.indexOf('=');
            String kindName = eq < 0 ? item : item.substring(0, eq);
            EmitKind kind = EmitKind.fromSpelling(kindName).orElseThrow(
                    () -> GraftException.badInput("unknown --emit kind '" + kindName + "'"));
            Optional<String> path = eq < 0 ? Optional.empty() : Optional.of(item.substring(eq + 1));
            if (path.isPresent() && path.get().equals("-")) {
                throw GraftException.badInput("--emit=" + kindName + "=- (to standard output) cannot be wrapped");
            }
            Optional<Path> earlier = emits.put(kind, path.map(Path::of));
            if (kind == EmitKind.OBJ && earlier != null && !earlier.equals(path.map(Path::of))) {
                throw GraftException.badInput("the rustc command line emits several objects (--emit=obj more than "
                        + "once): graft produces exactly one object per rustc command");
            }
        }
    }

    private static Map<EmitKind, Path> resolveOutputs(Map<EmitKind, Optional<Path>> emits, Optional<Path> output,
                                                      Path outDir, String defaultStem) {
        long implicit = emits.values().stream().filter(Optional::isEmpty).count();
        Map<EmitKind, Path> resolved = new LinkedHashMap<>();
        emits.forEach((kind, path) -> resolved.put(kind, path.orElseGet(() -> {
            if (output.isPresent() && implicit == 1) {
                return output.get();
            }
            Path dir = output.map(o -> o.getParent() == null ? Path.of("") : o.getParent()).orElse(outDir);
            String stem = output.map(o -> stem(o.getFileName().toString())).orElse(defaultStem);
            return dir.resolve(kind.fileName(stem));
        })));
        return resolved;
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot <= 0 ? fileName : fileName.substring(0, dot);
    }

    private static String crateNameFromFile(Path input) {
        return stem(input.getFileName().toString()).replace('-', '_');
    }

    public Path objectPath() {
        return outputs.get(EmitKind.OBJ);
    }

    /** Every output rustc would write, by kind, as the user wrote the paths. */
    public Map<EmitKind, Path> outputs() {
        return Map.copyOf(outputs);
    }

    /** The crate's source file, unless the command reads it from standard input. */
    public Optional<Path> input() {
        return lastInput(invocation).filter(p -> !p.toString().equals("-"));
    }

    /** Where the user asked for bitcode too, if they did: graft then writes its bitcode there. */
    public Optional<Path> requestedBitcodePath() {
        return Optional.ofNullable(outputs.get(EmitKind.LLVM_BC));
    }

    public CodegenOptions codegen() {
        return codegen;
    }

    public String crateName() {
        return crateName;
    }

    /**
     * The same command line with the object replaced by bitcode at {@code bitcode}, every other output
     * given its explicit path (so nothing depends on how rustc adapts {@code -o} to the new set of
     * kinds), {@code -o} dropped, and {@code --out-dir} set to {@code scratch}: with every output
     * explicit, it only decides where rustc writes its intermediate files, which are named after the
     * crate and would collide between two builds of one crate in one directory. The outputs in
     * {@code elsewhere} are written there instead (graft puts them in place later).
     */
    public List<String> withBitcodeInsteadOfObject(Path bitcode, Path scratch, Map<EmitKind, Path> elsewhere) {
        List<String> argv = new ArrayList<>();
        for (RustcArgument a : invocation.arguments()) {
            if (!a.means(RustcOption.Meaning.EMIT) && !a.means(RustcOption.Meaning.OUTPUT_FILE)
                    && !a.means(RustcOption.Meaning.OUT_DIR)) {
                argv.addAll(a.words());
            }
        }
        argv.add("--out-dir=" + scratch);
        List<String> emits = new ArrayList<>();
        outputs.forEach((kind, path) -> {
            if (kind != EmitKind.OBJ && kind != EmitKind.LLVM_BC) {
                emits.add(kind.spelling() + "=" + elsewhere.getOrDefault(kind, path));
            }
        });
        emits.add(EmitKind.LLVM_BC.spelling() + "=" + bitcode);
        argv.add("--emit=" + String.join(",", emits));
        if (codegenUnitsNote().isPresent()) {
            argv.add("-Ccodegen-units=1");
        }
        return argv;
    }

    /**
     * rustc writes {@code --emit=llvm-bc=PATH} only for one codegen unit: asked for several, it warns, writes
     * one {@code .rcgu.bc} file per unit into the out-dir and nothing at PATH. graft then builds the crate as
     * one unit (the last {@code -C codegen-units} wins), and says so.
     */
    public Optional<String> codegenUnitsNote() {
        return Optional.ofNullable(invocation.codegen().get("codegen-units")).filter(n -> !n.equals("1")).map(n -> "rustc emits bitcode in one file only for one codegen "
                + "unit: graft builds the crate with -Ccodegen-units=1 instead of " + n);
    }
}
