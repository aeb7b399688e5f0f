package dev.graft.helpers;

import dev.graft.GraftException;
import dev.graft.ir.FunctionSignature;
import dev.graft.ir.IrModuleScan;
import dev.graft.ir.IrParseException;
import dev.graft.ir.Linkage;
import dev.graft.ir.LinkagePolicy;
import dev.graft.ir.ModuleFacts;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.InstallAdvice;
import dev.graft.toolchain.LlvmTools;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A helper bitcode file written by {@code graft helpers}: the functions it offers for inlining and
 * the linkage they get in each crate, and the target they were compiled for.
 *
 * <p>Its {@link Facts} are read when first asked for, through {@code llvm-dis}: the in-process backend
 * never asks, because it parses the file with libLLVM anyway and reads them there ({@link Facts#of}),
 * which saves a subprocess per crate.
 *
 * <p>With {@link LinkagePolicy#INTERNAL} the definitions stay external in the file and the named
 * metadata {@value #INTERNAL_MARKER} records the policy: a crate's declaration cannot bind to an
 * internal definition in another module, so helpers are internalized as they are linked in (as the
 * kernel does with {@code llvm-link --internalize}).
 *
 * <p>The named metadata {@value #VARIANTS_METADATA_NAME} records the {@link HelperVariant variants} the same
 * {@code graft helpers} command wrote with the library, each with the SHA-256 of its file: a file named like a
 * variant that the library does not record (left from an earlier run, or written by another command) is never
 * used in its place.
 */
public final class HelperLibrary {

    public static final String INTERNAL_MARKER_NAME = "graft.linkage.internal";
    public static final String INTERNAL_MARKER = "!" + INTERNAL_MARKER_NAME;
    public static final String VARIANTS_METADATA_NAME = "graft.variants";

    /**
     * What the library offers: its helpers, their signatures, the linkage they get in a crate, and the
     * target they were compiled for.
     */
    public record Facts(Set<String> helpers, Map<String, FunctionSignature> signatures, LinkagePolicy policy,
                        TargetIdentity target) {

        public Facts {
            helpers = Set.copyOf(helpers);
            signatures = Map.copyOf(signatures);
        }

        /** Helpers are the external (or already linkonce_odr) definitions {@code graft helpers} left. */
        public static Facts of(ModuleFacts module, boolean internalMarker, TargetIdentity target) {
            Set<String> helpers = new TreeSet<>();
            Map<String, FunctionSignature> signatures = new HashMap<>();
            for (ModuleFacts.Definition f : module.definitions()) {
                if (f.linkage() == Linkage.EXTERNAL || f.linkage() == Linkage.LINKONCE_ODR) {
                    helpers.add(f.name());
                    signatures.put(f.name(), f.signature());
                }
            }
            return new Facts(helpers, signatures, internalMarker ? LinkagePolicy.INTERNAL : LinkagePolicy.LINKONCE_ODR,
                    target);
        }
    }

    /** What a library holds: its facts, and the variants written with it (name to SHA-256 of the file). */
    public record Contents(Facts facts, Map<String, String> variants) {

        public Contents {
            variants = Map.copyOf(variants);
        }
    }

    /**
     * Reads a library's contents: {@link #disassembling} (llvm-dis and graft's IR scanner, a subprocess), or
     * libLLVM in this process where it is loaded ({@code link.inprocess.LibraryContents}).
     */
    @FunctionalInterface
    public interface Reader {
        Contents read(Path bitcode) throws GraftException;
    }

    private final Path bitcode;
    private final Reader reader;
    private Contents contents;

    private HelperLibrary(Path bitcode, Reader reader) {
        this.bitcode = bitcode;
        this.reader = reader;
    }

    /** The library at {@code bitcode}, checked to be a file; its facts are read with llvm-dis when first needed. */
    public static HelperLibrary open(Path bitcode, LlvmTools tools, ProcessRunner runner) throws GraftException {
        return open(bitcode, disassembling(tools, runner));
    }

    /** The library at {@code bitcode}, checked to be a file; its facts are read by {@code reader} when first needed. */
    public static HelperLibrary open(Path bitcode, Reader reader) throws GraftException {
        if (!Files.isRegularFile(bitcode)) {
            throw GraftException.badInput("helper bitcode " + bitcode + " does not exist");
        }
        return new HelperLibrary(bitcode, reader);
    }

    /** Reads a library's contents from llvm-dis's text. */
    public static Reader disassembling(LlvmTools tools, ProcessRunner runner) {
        return file -> {
            String text = disassemble(file, tools, runner);
            try {
                return new Contents(Facts.of(IrModuleScan.of(text).facts(),
                        text.lines().anyMatch(l -> l.startsWith(INTERNAL_MARKER + " ")), TargetIdentity.ofIr(text)),
                        recordedVariants(text));
            } catch (IrParseException e) {
                throw GraftException.badInput("cannot read helper bitcode " + file + ": " + e.getMessage(), e);
            }
        };
    }

    /** LLVM bitcode starts "BC" 0xC0DE; bitcode in a wrapper (as Apple's tools write it) starts 0x0B17C0DE. */
    private static final byte[] BITCODE_MAGIC = {'B', 'C', (byte) 0xC0, (byte) 0xDE};
    private static final byte[] WRAPPER_MAGIC = {(byte) 0xDE, (byte) 0xC0, 0x17, 0x0B};

    /**
     * Refuses a file that is not LLVM bitcode at all, from its first four bytes: where a library is read only
     * later and elsewhere (under cargo, in the linker graft stands in for), a file of anything else must fail
     * the first crate with one line, not the link of a binary. {@code origin} says where the path came from.
     */
    public static void requireBitcode(Path file, String origin) throws GraftException {
        byte[] start = new byte[4];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(start, 0, start.length);
        } catch (IOException e) {
            throw GraftException.io("cannot read helper bitcode " + file + " (" + origin + ")", e);
        }
        if (read < start.length || !Arrays.equals(start, BITCODE_MAGIC)
                && !Arrays.equals(start, WRAPPER_MAGIC)) {
            throw GraftException.badInput("helper bitcode " + file + " (" + origin + ") is not LLVM bitcode: "
                    + "write it with graft helpers -o FILE.bc SRC.c");
        }
    }

    /** The library with its facts read now (by llvm-dis). */
    public static HelperLibrary read(Path bitcode, LlvmTools tools, ProcessRunner runner) throws GraftException {
        HelperLibrary library = open(bitcode, tools, runner);
        library.facts();
        return library;
    }

    public Path bitcode() {
        return bitcode;
    }

    /** Its facts, read on first use. */
    public Facts facts() throws GraftException {
        return contents().facts();
    }

    /** The variants written with it: name to the SHA-256 of the variant's file (none for an older library). */
    public Map<String, String> variants() throws GraftException {
        return contents().variants();
    }

    private synchronized Contents contents() throws GraftException {
        if (contents == null) {
            contents = reader.read(bitcode);
        }
        return contents;
    }

    /** Named metadata recording {@code variants} (name to SHA-256), numbered after every node {@code irText} has. */
    static String variantsMetadata(String irText, Map<String, String> variants) {
        if (variants.isEmpty()) {
            return "";
        }
        int next = NUMBERED_NODE.matcher(irText).results().mapToInt(m -> Integer.parseInt(m.group(1)) + 1).max()
                .orElse(0);
        StringBuilder nodes = new StringBuilder();
        List<String> references = new ArrayList<>();
        for (Map.Entry<String, String> variant : new TreeMap<>(variants).entrySet()) {
            references.add("!" + next);
            nodes.append("!").append(next++).append(" = !{!\"").append(variant.getKey()).append("\", !\"")
                    .append(variant.getValue()).append("\"}\n");
        }
        return "\n!" + VARIANTS_METADATA_NAME + " = !{" + String.join(", ", references) + "}\n" + nodes;
    }

    private static final Pattern NUMBERED_NODE = Pattern.compile("(?m)^!(\\d+) = ");
    private static final Pattern VARIANTS_LINE = Pattern.compile(
            "(?m)^!" + Pattern.quote(VARIANTS_METADATA_NAME) + " = !\\{([^}]*)}$");
    private static final Pattern VARIANT_NODE = Pattern.compile("^!\\{!\"([a-z0-9_]+)\", !\"([0-9a-f]{64})\"}$");

    /** Reads what {@link #variantsMetadata} wrote, from the library's disassembly. */
    static Map<String, String> recordedVariants(String irText) throws GraftException {
        Matcher line = VARIANTS_LINE.matcher(irText);
        if (!line.find()) {
            return Map.of();
        }
        Map<String, String> nodes = new HashMap<>();
        irText.lines().filter(l -> NUMBERED_NODE.matcher(l).lookingAt())
                .forEach(l -> nodes.put(l.substring(0, l.indexOf(' ')), l.substring(l.indexOf(" = ") + 3)));
        Map<String, String> variants = new TreeMap<>();
        for (String reference : line.group(1).split(",")) {
            Matcher node = VARIANT_NODE.matcher(nodes.getOrDefault(reference.strip(), ""));
            if (!node.matches()) {
                throw notAsWritten(reference.strip());
            }
            variants.put(node.group(1), node.group(2));
        }
        return Map.copyOf(variants);
    }

    /**
     * The variants recorded in {@link #VARIANTS_METADATA_NAME}'s nodes as libLLVM reads them (each node's
     * operands as strings), held to the form {@link #variantsMetadata} writes, as {@link #recordedVariants} is.
     */
    public static Map<String, String> variantsOf(List<List<Optional<String>>> nodes) throws GraftException {
        Map<String, String> variants = new TreeMap<>();
        for (List<Optional<String>> node : nodes) {
            String written = node.stream().map(s -> s.map(v -> "!\"" + v + "\"").orElse("?"))
                    .collect(java.util.stream.Collectors.joining(", ", "!{", "}"));
            Matcher matched = VARIANT_NODE.matcher(written);
            if (node.size() != 2 || !matched.matches()) {
                throw notAsWritten(written);
            }
            variants.put(matched.group(1), matched.group(2));
        }
        return Map.copyOf(variants);
    }

    private static GraftException notAsWritten(String node) {
        return GraftException.badInput("the helper library's !" + VARIANTS_METADATA_NAME + " is not as graft "
                + "helpers writes it (" + node + "): rebuild it with graft helpers");
    }

    public static String disassemble(Path bitcode, LlvmTools tools, ProcessRunner runner) throws GraftException {
        CommandResult result = runner.execute(Command.of(tools.llvmDis(), bitcode.toString(), "-o", "-"));
        if (!result.succeeded()) {
            throw unreadable(bitcode, tools.version().major(), tools.version().toString(), result.diagnostics(),
                    result.firstDiagnosticLine());
        }
        return result.stdout();
    }

    private static final Pattern PRODUCER = Pattern.compile("Producer: 'LLVM(\\d+)\\.(\\d+)(?:\\.(\\d+))?[^']*'");

    /**
     * Says why LLVM could not read a file, from LLVM's own message (llvm-dis's, or libLLVM's reader's);
     * bitcode from a newer LLVM is a toolchain problem (exit 3).
     */
    public static GraftException unreadable(Path file, int major, String version, String llvmMessage, String reason) {
        Matcher producer = PRODUCER.matcher(llvmMessage);
        if (producer.find() && Integer.parseInt(producer.group(1)) > major) {
            return GraftException.toolchain(file + " was written by LLVM " + producer.group(1) + "."
                    + producer.group(2) + ", newer than the LLVM " + version + " graft uses, which cannot "
                    + "read it; " + InstallAdvice.installLlvm(Integer.parseInt(producer.group(1))));
        }
        if (reason.contains("Invalid bitcode signature")) {
            return GraftException.badInput(file + " is not LLVM bitcode (" + reason + ")");
        }
        return GraftException.badInput(file + " is not valid LLVM " + major
                + " bitcode (truncated or damaged?): " + reason);
    }
}
