package dev.graft.cargo;

import dev.graft.GraftException;
import dev.graft.cache.Sha256;
import dev.graft.files.AtomicOutput;
import dev.graft.helpers.HelperCompiler;
import dev.graft.ir.LinkagePolicy;
import dev.graft.rustc.RustcInvocation;
import dev.graft.rustc.RustcOption.Meaning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Helpers nobody named: the C files a crate's build script compiled with the {@code cc} crate into the static
 * libraries the crate links, compiled again as helper bitcode with the very flags the script used (read
 * from the script's saved output, {@link BuildScriptOutput}), one bitcode file per source, in
 * {@value #DIRECTORY} beside the script's {@code OUT_DIR}. The crate that owns the build script does this
 * before rustc starts (cargo gives it {@code OUT_DIR} and {@code CARGO_MANIFEST_DIR}, the script's working
 * directory, which relative sources and include directories are relative to); every crate that depends on
 * it finds the files through the {@code -L native=OUT_DIR} cargo passes on, and cargo starts those crates
 * only after this one's rustc has begun. A source that cannot be a helper library is left out with a note:
 * the static library still has it.
 */
final class DiscoveredHelpers {

    static final String DIRECTORY = "graft-helpers";
    private static final String BITCODE = ".bc";
    private static final String REFUSED = ".refused";

    /** Makes a helper compiler for sources relative to a directory; called only when there is C to compile. */
    interface CompilerFactory {
        HelperCompiler forDirectory(Path workingDirectory) throws GraftException;
    }

    private DiscoveredHelpers() {
    }

    /**
     * For the crate whose build script wrote {@code OUT_DIR}: (re)writes the helper bitcode of the C its static
     * libraries were built from, removes what no longer comes from there, and returns what was left out and why.
     */
    static List<String> refresh(RustcInvocation invocation, Map<String, String> environment, Path workingDirectory,
                                CompilerFactory compilers) {
        Optional<Path> outDir = directory(environment, "OUT_DIR", workingDirectory);
        Optional<Path> manifest = directory(environment, "CARGO_MANIFEST_DIR", workingDirectory);
        if (outDir.isEmpty() || manifest.isEmpty() || Files.exists(outDir.get().resolve(HelperDiscovery.FILE_NAME))) {
            return List.of();
        }
        Optional<BuildScriptOutput> output = BuildScriptOutput.forOutDir(outDir.get());
        if (output.isEmpty() || output.get().staticLibraries().isEmpty()) {
            return List.of();
        }
        List<String> notes = new ArrayList<>();
        if (output.get().commandsWithheld()) {
            notes.add("the build script's cc crate prints the commands it runs only with "
                    + BuildScriptOutput.CC_DEBUG_ENVIRONMENT + " set, so graft cannot compile its C as helpers: run 'graft cargo-setup' in the workspace (it adds "
                    + BuildScriptOutput.CC_DEBUG_ENVIRONMENT + " = \"1\" to the [env] table of .cargo/config.toml)");
        }
        Path helpers = outDir.get().resolveSibling(DIRECTORY);
        Set<Path> written = new LinkedHashSet<>();
        HelperCompiler compiler = null;
        for (CcCompilation compilation : compilations(output.get(), invocation, outDir.get(), workingDirectory)) {
            Path source = manifest.get().resolve(compilation.source()).normalize();
            if (!compilation.compilesC()) {
                notes.add(source + " is not C: it stays in the static library, called the ordinary way");
                continue;
            }
            Path bitcode = helpers.resolve(bitcodeName(outDir.get(), manifest.get().resolve(compilation.object())));
            Path refusal = bitcode.resolveSibling(bitcode.getFileName() + REFUSED);
            List<String> flags = withCrateTarget(compilation.flags(), invocation);
            Optional<String> refused = Refusal.of(refusal, source, flags);
            if (refused.isPresent()) {
                notes.add(notHelpers(source, refused.get()));
                written.add(refusal);
                continue;
            }
            try {
                if (compiler == null) {
                    compiler = compilers.forDirectory(manifest.get());
                }
                Files.createDirectories(helpers);
                HelperCompiler.Result result = compiler.compile(List.of(compilation.source()), flags,
                        LinkagePolicy.LINKONCE_ODR, false, Map.of(), bitcode, Optional.empty());
                result.warnings().forEach(warning -> notes.add(source + ": " + warning));
                written.add(bitcode);
            } catch (GraftException | IOException e) {
                notes.add(notHelpers(source, e.getMessage()));
                if (Refusal.record(refusal, source, flags, e.getMessage())) {
                    written.add(refusal);
                }
            }
        }
        removeAllBut(helpers, written);
        return notes;
    }

    /**
     * Whether this crate's own invocation wrote the file ({@link #refresh}), after cargo noted when it started
     * the crate: in the crate's dep-info it would make cargo rebuild the crate once more. Its C's changes
     * reach the crate through its build script, which cargo re-runs for them.
     */
    static boolean writtenFor(Path helper, Map<String, String> environment, Path workingDirectory) {
        return directory(environment, "OUT_DIR", workingDirectory)
                .map(out -> helper.startsWith(out.resolveSibling(DIRECTORY))).orElse(false);
    }

    /**
     * The script's flags, with the crate's {@code --target} when they name none: a cross build's gcc knows its
     * target by its own name, and clang would otherwise compile the helpers for the host.
     */
    static List<String> withCrateTarget(List<String> flags, RustcInvocation invocation) {
        Optional<String> target = invocation.values(Meaning.TARGET).stream().reduce((first, last) -> last)
                .filter(t -> !t.endsWith(".json"));
        if (target.isEmpty() || flags.stream().anyMatch(f -> f.startsWith("--target") || f.equals("-target"))) {
            return flags;
        }
        List<String> targeted = new ArrayList<>(List.of("--target=" + target.get()));
        targeted.addAll(flags);
        return targeted;
    }

    private static String notHelpers(Path source, String reason) {
        return source + " is not a helper library (" + reason + "): it stays in the static library, called the "
                + "ordinary way";
    }

    /**
     * Why a source was no helper library, kept beside where its bitcode would be, so that each build of the
     * crate does not compile it again (a vendored library can take seconds): valid while the source's bytes
     * and flags are the same. A header's change does not renew it; the worst that does is a helper missed.
     */
    private static final class Refusal {

        static Optional<String> of(Path file, Path source, List<String> flags) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                return lines.size() == 2 && lines.getFirst().equals(key(source, flags)) ? Optional.of(lines.get(1))
                        : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        static boolean record(Path file, Path source, List<String> flags, String reason) {
            try {
                AtomicOutput.writeString(file, key(source, flags) + "\n" + reason.replace('\n', ' ') + "\n");
                return true;
            } catch (GraftException | IOException e) {
                return false;
            }
        }

        private static String key(Path source, List<String> flags) throws IOException {
            Sha256 key = new Sha256().add(REFUSED).add(source.toString()).addFile(source);
            flags.forEach(key::add);
            return key.hex();
        }
    }

    /** The discovered helper bitcode for a {@code -L native=} directory: an {@code OUT_DIR} or one inside it. */
    static List<Path> find(Path searchDirectory) {
        for (Path dir = searchDirectory.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (dir.getFileName() != null && dir.getFileName().toString().equals("out")
                    && Files.isRegularFile(dir.resolveSibling("output"))) {
                return bitcodeIn(dir.resolveSibling(DIRECTORY));
            }
        }
        return List.of();
    }

    /** The compilations of the objects each linked static library was archived from, in the script's order. */
    private static List<CcCompilation> compilations(BuildScriptOutput output, RustcInvocation invocation, Path outDir,
                                                    Path workingDirectory) {
        Set<Path> objects = new LinkedHashSet<>();
        for (String library : output.staticLibraries()) {
            archive(library, invocation, outDir, workingDirectory).ifPresent(archive -> {
                for (List<String> command : output.commands()) {
                    if (CcCompilation.of(command).isEmpty() && command.contains(archive.toString())) {
                        command.stream().filter(w -> w.endsWith(".o")).map(Path::of).forEach(objects::add);
                    }
                }
            });
        }
        List<CcCompilation> found = new ArrayList<>();
        for (List<String> command : output.commands()) {
            CcCompilation.of(command).filter(c -> objects.contains(c.object())).ifPresent(found::add);
        }
        return found;
    }

    private static Optional<Path> archive(String library, RustcInvocation invocation, Path outDir,
                                          Path workingDirectory) {
        List<Path> directories = new ArrayList<>(List.of(outDir));
        invocation.searchPaths().stream().filter(p -> p.kind().equals("native") || p.kind().equals("all"))
                .map(p -> workingDirectory.resolve(p.directory()).toAbsolutePath().normalize())
                .forEach(directories::add);
        return directories.stream().map(d -> d.resolve("lib" + library + ".a")).filter(Files::isRegularFile)
                .findFirst();
    }

    /** The object's path below {@code OUT_DIR}, flattened: objects there are distinct, so these names are too. */
    private static String bitcodeName(Path outDir, Path object) {
        Path relative = object.startsWith(outDir) ? outDir.relativize(object) : object.getFileName();
        String name = relative.toString().replace('/', '-');
        return (name.endsWith(".o") ? name.substring(0, name.length() - 2) : name) + BITCODE;
    }

    private static List<Path> bitcodeIn(Path directory) {
        Set<Path> files = new TreeSet<>();
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*" + BITCODE)) {
                entries.forEach(files::add);
            } catch (IOException e) {
                return List.of();
            }
        }
        return List.copyOf(files);
    }

    /** Helpers of sources the script no longer compiles, or that no longer qualify, must not be inlined. */
    private static void removeAllBut(Path directory, Set<Path> keep) {
        List<Path> files = new ArrayList<>(bitcodeIn(directory));
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> refusals = Files.newDirectoryStream(directory, "*" + REFUSED)) {
                refusals.forEach(files::add);
            } catch (IOException e) {
                // Unlisted refusals stay; one that no longer holds is never read, since its key no longer matches.
            }
        }
        for (Path file : files) {
            if (!keep.contains(file)) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // The next refresh tries again; a helper left over is still the C the library was built from.
                }
            }
        }
    }

    private static Optional<Path> directory(Map<String, String> environment, String name, Path workingDirectory) {
        return Optional.ofNullable(environment.get(name)).filter(s -> !s.isBlank())
                .map(s -> workingDirectory.resolve(s).toAbsolutePath().normalize()).filter(Files::isDirectory);
    }
}
