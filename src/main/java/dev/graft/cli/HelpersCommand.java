package dev.graft.cli;

import dev.graft.GraftException;
import dev.graft.cache.HelperCache;
import dev.graft.files.DistinctFiles;
import dev.graft.helpers.HelperCompiler;
import dev.graft.helpers.HelperFlags;
import dev.graft.helpers.HelperVariant;
import dev.graft.ir.LinkagePolicy;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.Toolchain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code graft helpers}: compile helper C sources to linkage-patched bitcode. */
@Command(name = "helpers", customSynopsis = "graft helpers -o=OUT.bc [OPTIONS] SRC.c... [-- CLANG_FLAGS...]",
        description = {"Compile C helper sources to bitcode whose helpers can be inlined into Rust crates.",
                "CLANG_FLAGS are the flags the C code is built with (-I, -D, -march, ...). The bitcode is cached "
                        + "by content."})
final class HelpersCommand extends Subcommand {

    @Option(names = "--linkage", paramLabel = "KIND", defaultValue = "linkonce_odr",
            description = "linkonce_odr (emitted weak if a copy survives, dropped once inlined) or internal "
                    + "(a private copy per crate). Default: ${DEFAULT-VALUE}.")
    String linkage;

    @Option(names = "--cflags-file", paramLabel = "F",
            description = "Clang flags from the file F, put before CLANG_FLAGS; split into words as a shell "
                    + "does ('a b' and \"a b\" are one word), '#' starts a comment.")
    Path cflagsFile;

    @Option(names = "--strip-debug", description = "Compile helpers with -g0 (the kernel's choice). Default: keep "
            + "the flags' debug info.")
    boolean stripDebug;

    @Option(names = "--keep-temps", paramLabel = "DIR", description = "Keep intermediate IR in DIR.")
    Path keepTemps;

    @Option(names = "-o", required = true, paramLabel = "OUT.bc", description = "The helper bitcode to write.")
    Path output;

    @Option(names = "--variant", paramLabel = "NAME=FLAGS", description = "Also write OUT.NAME.bc, compiled with "
            + "FLAGS (split as a shell does) after the other flags, e.g. module=-DMODULE. Repeatable.")
    List<String> variantSpecs = new ArrayList<>();

    @Parameters(paramLabel = "SRC.c", arity = "1..*", description = "Helper C sources.")
    List<Path> sources;


    HelpersCommand(CommonOptions common) {
        super(common);
    }

    @Override
    public Integer call() throws GraftException {
        LinkagePolicy policy = LinkagePolicy.fromSpelling(linkage).orElseThrow(() -> GraftException.badInput(
                "unknown --linkage '" + linkage + "' (linkonce_odr or internal)"));
        List<HelperVariant> variants = variants();
        HelperVariant.requireDistinctName(output, variants);
        requireDistinctFiles(variants);
        List<String> flags = new ArrayList<>(cflagsFromFile());
        flags.addAll(context().passThrough());
        ProcessRunner runner = runner();
        Toolchain toolchain = toolchain();
        HelperCompiler compiler = new HelperCompiler(toolchain, runner,
                HelperCache.defaultLocation(context().environment()), context().workingDirectory(),
                context().environment());
        Optional<Path> temps = Optional.ofNullable(keepTemps).map(context().workingDirectory()::resolve);
        // The variants first: the library records each variant file's digest, and is written last, so a
        // failure part way leaves the old library, which does not record the new files.
        Map<String, String> written = new LinkedHashMap<>();
        List<HelperCompiler.Result> variantResults = new ArrayList<>();
        for (HelperVariant variant : variants) {
            List<String> variantFlags = new ArrayList<>(flags);
            variantFlags.addAll(variant.flags());
            HelperCompiler.Result result = compiler.compile(sources, variantFlags, policy, stripDebug, Map.of(),
                    variant.file(output), temps.map(t -> t.resolve(variant.name())));
            written.put(variant.name(), result.bitcodeSha256());
            variantResults.add(result);
        }
        print(compiler.compile(sources, flags, policy, stripDebug, written, output, temps));
        variantResults.forEach(this::print);
        return 0;
    }

    private static final int NOTES_SHOWN_ALIKE = 3;

    private void print(HelperCompiler.Result result) {
        context().out().printf("%s: %d helpers (%s)%s%n", result.output(), result.helpers().size(), linkage,
                result.fromCache() ? ", from cache" : "");
        if (!result.removedFlags().isEmpty()) {
            context().out().println("  removed flags: " + String.join(" ", result.removedFlags()));
        }
        printNotes(result.notes());
        result.warnings().forEach(warning -> context().err().println("graft: warning: " + result.output() + ": " + warning));
        context().err().flush();
    }

    /**
     * Every note, unless many say the same of different helpers (Linux 7.2 marks 466 always_inline wrappers):
     * then the first few of them and a count; --verbose prints them all.
     */
    private void printNotes(List<String> notes) {
        Map<String, List<String>> alike = new LinkedHashMap<>();
        for (String note : notes) {
            int said = note.lastIndexOf(": ");
            alike.computeIfAbsent(note.startsWith("@") && said > 0 ? note.substring(said) : note,
                    k -> new ArrayList<>()).add(note);
        }
        for (List<String> group : alike.values()) {
            boolean cut = group.size() > NOTES_SHOWN_ALIKE + 1 && !common.verbose;
            group.subList(0, cut ? NOTES_SHOWN_ALIKE : group.size())
                    .forEach(note -> context().out().println("  note: " + note));
            if (cut) {
                context().out().println("  note: ... and " + (group.size() - NOTES_SHOWN_ALIKE) + " more helpers "
                        + "the same (--verbose lists them)");
            }
        }
    }

    private List<HelperVariant> variants() throws GraftException {
        List<HelperVariant> variants = new ArrayList<>();
        for (String spec : variantSpecs) {
            HelperVariant variant = HelperVariant.parse(spec);
            if (variants.stream().anyMatch(v -> v.name().equals(variant.name()))) {
                throw GraftException.badInput("--variant " + variant.name() + " is given twice");
            }
            variants.add(variant);
        }
        return variants;
    }

    private void requireDistinctFiles(List<HelperVariant> variants) throws GraftException {
        List<DistinctFiles.Role> inputs = new ArrayList<>();
        sources.forEach(s -> inputs.add(new DistinctFiles.Role("the helper source", s)));
        if (cflagsFile != null) {
            inputs.add(new DistinctFiles.Role("the --cflags-file", cflagsFile));
        }
        List<DistinctFiles.Role> outputs = new ArrayList<>();
        outputs.add(new DistinctFiles.Role("the helper library", output));
        variants.forEach(v -> outputs.add(new DistinctFiles.Role("the helper variant " + v.name(), v.file(output))));
        DistinctFiles.require(context().workingDirectory(), inputs, outputs);
    }

    private List<String> cflagsFromFile() throws GraftException {
        if (cflagsFile == null) {
            return List.of();
        }
        Path file = InputFile.requireRegular(context().workingDirectory().resolve(cflagsFile), "--cflags-file",
                cflagsFile);
        try {
            return HelperFlags.readFile(file);
        } catch (IOException e) {
            throw GraftException.io("cannot read --cflags-file " + cflagsFile, e);
        }
    }
}
