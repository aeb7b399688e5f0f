package dev.graft.helpers;

import dev.graft.GraftException;
import dev.graft.cache.CacheEntry;
import dev.graft.cache.GraftBuild;
import dev.graft.cache.HelperCache;
import dev.graft.cache.Sha256;
import dev.graft.files.AtomicOutput;
import dev.graft.files.Workspace;
import dev.graft.ir.FunctionDefinition;
import dev.graft.ir.InliningIntent;
import dev.graft.ir.IrModuleScan;
import dev.graft.ir.IrParseException;
import dev.graft.ir.Linkage;
import dev.graft.ir.LinkagePatcher;
import dev.graft.ir.LinkagePolicy;
import dev.graft.ir.PatchResult;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.Toolchain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code graft helpers}: C sources to one helper bitcode file. Each source is compiled to textual IR,
 * the modules are linked, every helper definition's linkage is patched, and the result is assembled
 * to bitcode. A cache hit (same sources, headers, flags, policy, toolchain and clang environment, and no
 * new header that would shadow one the compile used) compiles nothing.
 */
public final class HelperCompiler {

    /**
     * What {@code graft helpers} did.
     *
     * @param warnings what makes the helpers useless as they are (compiled at -O0), to be said on every run
     */
    public record Result(Path output, boolean fromCache, List<String> helpers, List<String> removedFlags,
                         List<String> notes, String bitcodeSha256, List<String> warnings) {
    }

    private final Toolchain toolchain;
    private final ProcessRunner runner;
    private final HelperCache cache;
    private final Path workingDirectory;
    private final Map<String, String> environment;
    private final Path scratchRoot;

    /**
     * {@code environment}: the command's, which clang runs with, which keys the cache, and whose
     * {@code TMPDIR} decides where the scratch directory goes ({@link Workspace#root}).
     */
    public HelperCompiler(Toolchain toolchain, ProcessRunner runner, HelperCache cache, Path workingDirectory,
                          Map<String, String> environment) {
        this.toolchain = toolchain;
        this.runner = runner;
        this.cache = cache;
        this.workingDirectory = workingDirectory;
        this.environment = Map.copyOf(environment);
        this.scratchRoot = Workspace.root(environment);
    }

    /**
     * {@code variants}: the variant files already written for this library (name to the SHA-256 of the file),
     * recorded in it so that {@code graft rustc} uses no variant file this command did not write with it.
     */
    public Result compile(List<Path> sources, List<String> clangFlags, LinkagePolicy policy, boolean stripDebug,
                          Map<String, String> variants, Path output, Optional<Path> keepTemps) throws GraftException {
        if (sources.isEmpty()) {
            throw GraftException.badInput("no helper sources given");
        }
        for (Path source : sources) {
            requireReadable(source);
        }
        HelperFlags.Filtered flags = HelperFlags.filter(clangFlags, toolchain.rustc().hostTriple(), stripDebug);
        String key = cacheKey(sources, flags.kept(), policy, variants);
        Path destination = workingDirectory.resolve(output);
        Optional<HelperCache.CachedHelpers> hit = cache.lookup(key);
        if (hit.isPresent()) {
            publish(hit.get().bitcode(), hit.get().entry().bitcodeSha256(), destination);
            return new Result(output, true, hit.get().entry().helpers(), flags.removed(), hit.get().entry().notes(),
                    hit.get().entry().bitcodeSha256(), HelperFlags.unoptimised(flags.kept()).stream().toList());
        }
        try (Workspace workspace = Workspace.create(keepTemps, scratchRoot)) {
            List<Path> dependencies = new ArrayList<>();
            Set<Path> absent = new LinkedHashSet<>();
            List<Path> modules = new ArrayList<>();
            Map<String, String> wrappers = new LinkedHashMap<>();
            for (int i = 0; i < sources.size(); i++) {
                modules.add(compileOne(sources.get(i), flags.kept(), workspace, i, dependencies, absent));
                wrappers.putAll(alwaysInlineWrappers(sources.get(i), flags.kept(), workspace, i));
            }
            requireDistinctHelpers(sources, modules);
            Path linked = modules.getFirst();
            if (modules.size() > 1) {
                linked = workspace.file("linked.ll");
                List<String> args = new ArrayList<>(modules.stream().map(Path::toString).toList());
                args.addAll(List.of("-S", "-o", linked.toString()));
                CommandResult link = runner.execute(Command.of(toolchain.llvm().llvmLink(), args));
                if (!link.succeeded()) {
                    throw GraftException.badInput("the helper sources conflict: " + link.firstDiagnosticLine());
                }
            }
            PatchResult patched = patch(linked, policy);
            InliningIntent.Marked intent = markIntent(patched.irText(), wrappers);
            Path patchedIr = workspace.file("patched.ll");
            Path bitcode = workspace.file("helpers.bc");
            writeIr(patchedIr, withSourceFileNameOnly(intent.irText()) + (policy == LinkagePolicy.INTERNAL
                    ? "\n" + HelperLibrary.INTERNAL_MARKER + " = !{}\n" : "")
                    + HelperLibrary.variantsMetadata(intent.irText(), variants));
            CommandResult assemble = runner.execute(Command.of(toolchain.llvm().llvmAs(), patchedIr.toString(), "-o",
                    bitcode.toString()));
            if (!assemble.succeeded()) {
                throw GraftException.toolFailed("llvm-as rejected the patched helper IR (a graft bug: please report it"
                        + " with --keep-temps)", assemble.diagnostics());
            }
            List<String> notes = new ArrayList<>(patched.warnings());
            notes.addAll(intent.notes());
            CacheEntry entry = new CacheEntry(digests(dependencies), absent.stream().map(Path::toString).toList(),
                    digest(bitcode), patched.patched(), notes);
            storeInCache(key, bitcode, entry);
            publish(bitcode, entry.bitcodeSha256(), destination);
            return new Result(output, false, patched.patched(), flags.removed(), notes, entry.bitcodeSha256(),
                    HelperFlags.unoptimised(flags.kept()).stream().toList());
        }
    }

    /**
     * Compiles one source; adds the files it read to {@code dependencies} and the files that would have
     * shadowed a header it read to {@code absent}. {@code -v} makes clang print its header search path.
     */
    private Path compileOne(Path source, List<String> flags, Workspace workspace, int index, List<Path> dependencies,
                            Set<Path> absent) throws GraftException {
        Path resolved = workingDirectory.resolve(source);
        Path ir = workspace.file(index + ".ll");
        Path deps = workspace.file(index + ".d");
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of("-v", "-S", "-emit-llvm", "-MD", "-MF", deps.toString(), "-o", ir.toString(),
                resolved.toString()));
        CommandResult result = clang(args);
        if (!result.succeeded()) {
            throw GraftException.toolFailed("clang could not compile helper source " + source,
                    IncludeSearch.diagnostics(result.stderr()));
        }
        if (!Files.exists(ir)) {
            // clang succeeds without compiling a file whose name it does not take for source: x.rs, x.o, x.txt.
            throw GraftException.badInput("clang did not compile " + source + " as C: clang goes by the file's "
                    + "name, and this one does not name a source language (a helper source ends in .c, or add -x c "
                    + "to the flags)");
        }
        try {
            List<Path> read = MakeDependencies.prerequisites(Files.readString(deps), workingDirectory);
            dependencies.addAll(read);
            List<Path> headers = read.stream().filter(p -> !p.equals(resolved.toAbsolutePath().normalize())).toList();
            absent.addAll(IncludeSearch.fromVerboseOutput(result.stderr(), workingDirectory)
                    .shadowingCandidates(List.of(resolved), headers));
        } catch (IOException e) {
            throw GraftException.io("cannot read clang's dependency file " + deps, e);
        }
        return ir;
    }

    /** Runs clang in the command's directory and with its environment, which the cache key also covers. */
    private CommandResult clang(List<String> args) throws GraftException {
        return runner.execute(Command.of(toolchain.llvm().clang(), args).inDirectory(workingDirectory)
                .withEnvironmentOf(environment));
    }

    /**
     * Which helpers in {@code source} call an always_inline function: read from IR compiled with LLVM's passes
     * off, since clang's always-inliner removes those calls from the IR {@link #compileOne} writes.
     */
    private Map<String, String> alwaysInlineWrappers(Path source, List<String> flags, Workspace workspace, int index)
            throws GraftException {
        Path ir = workspace.file(index + ".unoptimized.ll");
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of("-Xclang", "-disable-llvm-passes", "-S", "-emit-llvm", "-o", ir.toString(),
                workingDirectory.resolve(source).toString()));
        CommandResult result = clang(args);
        if (!result.succeeded()) {
            throw GraftException.toolFailed("clang could not compile helper source " + source, result.diagnostics());
        }
        try {
            return InliningIntent.wrappers(Files.readString(ir, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw GraftException.io("cannot read " + ir, e);
        } catch (IrParseException e) {
            throw GraftException.toolFailed("graft could not parse clang's unoptimized IR for " + source
                    + " (a graft bug: please report it with --keep-temps): " + e.getMessage(), "");
        }
    }

    private static final java.util.regex.Pattern SOURCE_FILENAME =
            java.util.regex.Pattern.compile("(?m)^source_filename = \"(?:[^\"]*/)?([^\"/]*)\"$");

    /**
     * The module's {@code source_filename} without its directory: the same helpers compiled from another
     * checkout or target directory (a build script's generated wrappers in {@code OUT_DIR}) are the same bytes,
     * so content-keyed caches downstream (sccache's, cargo's dep-info by content) see no change.
     */
    static String withSourceFileNameOnly(String irText) {
        return SOURCE_FILENAME.matcher(irText).replaceFirst("source_filename = \"$1\"");
    }

    private static InliningIntent.Marked markIntent(String irText, Map<String, String> wrappers)
            throws GraftException {
        try {
            return InliningIntent.mark(irText, wrappers);
        } catch (IrParseException e) {
            throw GraftException.toolFailed("graft could not parse the patched helper IR (a graft bug: please report "
                    + "it with --keep-temps): " + e.getMessage(), "");
        }
    }

    private void requireReadable(Path source) throws GraftException {
        Path resolved = workingDirectory.resolve(source);
        if (!Files.exists(resolved)) {
            throw GraftException.badInput("cannot read helper source " + source + ": no such file");
        }
        if (!Files.isRegularFile(resolved) || !Files.isReadable(resolved)) {
            throw GraftException.badInput("cannot read helper source " + source + ": not a readable file");
        }
    }

    /** Two sources defining the same external function is a real conflict: name it and both files. */
    private static void requireDistinctHelpers(List<Path> sources, List<Path> modules) throws GraftException {
        Map<String, Path> definedIn = new HashMap<>();
        for (int i = 0; i < modules.size(); i++) {
            try {
                for (FunctionDefinition f : IrModuleScan.of(Files.readString(modules.get(i))).definitions()) {
                    if (f.linkage() != Linkage.EXTERNAL) {
                        continue;
                    }
                    Path earlier = definedIn.putIfAbsent(f.name(), sources.get(i));
                    if (earlier != null) {
                        throw GraftException.badInput("helper " + f.name() + " is defined in both " + earlier
                                + " and " + sources.get(i));
                    }
                }
            } catch (IOException e) {
                throw GraftException.io("cannot read " + modules.get(i), e);
            } catch (IrParseException e) {
                throw GraftException.toolFailed("graft could not parse clang's IR for " + sources.get(i)
                        + " (a graft bug: please report it with --keep-temps): " + e.getMessage(), "");
            }
        }
    }

    private static PatchResult patch(Path ir, LinkagePolicy policy) throws GraftException {
        try {
            String text = Files.readString(ir, StandardCharsets.UTF_8);
            // INTERNAL helpers stay visible in the file: crates bind to them, then internalize them (HelperLibrary).
            PatchResult result = LinkagePatcher.patch(text, LinkagePolicy.LINKONCE_ODR);
            refuse(result);
            if (result.patched().isEmpty()) {
                throw GraftException.badInput("the helper sources define no external functions: nothing to inline");
            }
            return result;
        } catch (IOException e) {
            throw GraftException.io("cannot read " + ir, e);
        } catch (IrParseException e) {
            throw GraftException.toolFailed("graft could not parse clang's IR (a graft bug: please report it with "
                    + "--keep-temps): " + e.getMessage(), "");
        }
    }

    /** What a helper library must not contain: graft's copy in every crate would change what the C means. */
    private static void refuse(PatchResult result) throws GraftException {
        if (!result.constructors().isEmpty()) {
            throw GraftException.badInput("helpers define constructors " + result.constructors()
                    + " (__attribute__((constructor)) or a sanitizer's): each would run once per crate; "
                    + "put them in C code linked the ordinary way");
        }
        if (!result.externalGlobals().isEmpty()) {
            throw GraftException.badInput("helpers define global variables " + result.externalGlobals()
                    + ": every crate would get its own copy; define them in C code linked the ordinary way");
        }
        if (!result.staticVariables().isEmpty()) {
            throw GraftException.badInput("helpers define static variables " + result.staticVariables()
                    + ": every crate would get its own copy, so crates would not share its value; keep that "
                    + "state in C code linked the ordinary way");
        }
        if (!result.aliases().isEmpty()) {
            throw GraftException.badInput("helpers define aliases " + result.aliases() + ": graft makes a helper "
                    + "of an external alias of a function of the same type, not of this one; define it as a "
                    + "function that calls its target");
        }
    }

    private String cacheKey(List<Path> sources, List<String> flags, LinkagePolicy policy, Map<String, String> variants)
            throws GraftException {
        Sha256 key = new Sha256().add(GraftBuild.digest()).add(toolchain.fingerprint()).add(policy.name())
                .add(workingDirectory.toAbsolutePath().toString());
        new TreeMap<>(variants).forEach((name, sha256) -> key.add("variant").add(name).add(sha256));
        flags.forEach(key::add);
        ClangEnvironment.of(environment).forEach((name, value) -> key.add(name).add(value));
        for (Path source : sources) {
            Path resolved = workingDirectory.resolve(source);
            key.add(resolved.toAbsolutePath().normalize().toString());
            try {
                key.addFile(resolved);
            } catch (IOException e) {
                throw GraftException.io("cannot read helper source " + source, e);
            }
        }
        return key.hex();
    }

    private void storeInCache(String key, Path bitcode, CacheEntry entry) {
        try {
            cache.store(key, bitcode, entry);
        } catch (IOException e) {
            // A cache that cannot be written costs time on the next run, not correctness on this one.
        }
    }

    /**
     * Copies the bitcode to the output unless the output already holds these bytes: a build system (cargo's
     * dep-info, make) goes by the output's modification time, and an unchanged helper must not rebuild its users.
     */
    private static void publish(Path bitcode, String sha256, Path destination) throws GraftException {
        try {
            if (Files.isRegularFile(destination) && Files.size(destination) == Files.size(bitcode)
                    && Sha256.ofFile(destination).equals(sha256)) {
                return;
            }
        } catch (IOException e) {
            // An output graft cannot read is replaced like one that differs.
        }
        AtomicOutput.copy(bitcode, destination);
    }

    private static List<CacheEntry.Dependency> digests(List<Path> files) throws GraftException {
        List<CacheEntry.Dependency> result = new ArrayList<>();
        for (Path file : files) {
            result.add(new CacheEntry.Dependency(file.toString(), digest(file)));
        }
        return result;
    }

    private static String digest(Path file) throws GraftException {
        try {
            return Sha256.ofFile(file);
        } catch (IOException e) {
            throw GraftException.io("cannot read " + file, e);
        }
    }

    private static void writeIr(Path path, String text) throws GraftException {
        try {
            Files.writeString(path, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw GraftException.io("cannot write " + path, e);
        }
    }
}
