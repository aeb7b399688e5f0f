package dev.graft.pipeline;

import dev.graft.GraftException;
import dev.graft.ir.FunctionDefinition;
import dev.graft.ir.FunctionSignature;
import dev.graft.ir.IrModuleScan;
import dev.graft.ir.IrParseException;
import dev.graft.ir.Linkage;
import dev.graft.ir.LinkagePolicy;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.InstallAdvice;
import dev.graft.toolchain.LlvmTools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A helper bitcode file written by {@code graft helpers}: the functions it offers for inlining and
 * the linkage they get in each crate, and the target they were compiled for.
 *
 * <p>With {@link LinkagePolicy#INTERNAL} the definitions stay external in the file and the named
 * metadata {@value #INTERNAL_MARKER} records the policy: a crate's declaration cannot bind to an
 * internal definition in another module, so helpers are internalized as they are linked in (as the
 * kernel does with {@code llvm-link --internalize}).
 */
public record HelperLibrary(Path bitcode, Set<String> helpers, Map<String, FunctionSignature> signatures,
                            LinkagePolicy policy, TargetIdentity target) {

    public static final String INTERNAL_MARKER = "!graft.linkage.internal";

    public HelperLibrary {
        helpers = Set.copyOf(helpers);
        signatures = Map.copyOf(signatures);
    }

    public static HelperLibrary read(Path bitcode, LlvmTools tools, ProcessRunner runner) throws GraftException {
        if (!Files.isRegularFile(bitcode)) {
            throw GraftException.badInput("helper bitcode " + bitcode + " does not exist");
        }
        String text = disassemble(bitcode, tools, runner);
        Set<String> helpers = new TreeSet<>();
        Map<String, FunctionSignature> signatures = new HashMap<>();
        try {
            for (FunctionDefinition f : IrModuleScan.of(text).definitions()) {
                if (f.linkage() == Linkage.EXTERNAL || f.linkage() == Linkage.LINKONCE_ODR) {
                    helpers.add(f.name());
                    signatures.put(f.name(), f.signature());
                }
            }
        } catch (IrParseException e) {
            throw GraftException.badInput("cannot read helper bitcode " + bitcode + ": " + e.getMessage(), e);
        }
        LinkagePolicy policy = text.lines().anyMatch(l -> l.startsWith(INTERNAL_MARKER + " "))
                ? LinkagePolicy.INTERNAL : LinkagePolicy.LINKONCE_ODR;
        return new HelperLibrary(bitcode, helpers, signatures, policy, TargetIdentity.ofIr(text));
    }

    static String disassemble(Path bitcode, LlvmTools tools, ProcessRunner runner) throws GraftException {
        CommandResult result = runner.execute(Command.of(tools.llvmDis(), bitcode.toString(), "-o", "-"));
        if (!result.succeeded()) {
            throw unreadable(bitcode, tools, result.diagnostics(), result.firstDiagnosticLine());
        }
        return result.stdout();
    }

    private static final Pattern PRODUCER = Pattern.compile("Producer: 'LLVM(\\d+)\\.(\\d+)(?:\\.(\\d+))?[^']*'");

    /** Says why LLVM could not read a file; bitcode from a newer LLVM is a toolchain problem (exit 3). */
    private static GraftException unreadable(Path file, LlvmTools tools, String llvmMessage, String reason) {
        Matcher producer = PRODUCER.matcher(llvmMessage);
        if (producer.find() && Integer.parseInt(producer.group(1)) > tools.version().major()) {
            return GraftException.toolchain(file + " was written by LLVM " + producer.group(1) + "."
                    + producer.group(2) + ", newer than the LLVM " + tools.version() + " graft uses, which cannot "
                    + "read it; " + InstallAdvice.installLlvm(Integer.parseInt(producer.group(1))));
        }
        if (reason.contains("Invalid bitcode signature")) {
            return GraftException.badInput(file + " is not LLVM bitcode (" + reason + ")");
        }
        return GraftException.badInput(file + " is not valid LLVM " + tools.version().major()
                + " bitcode (truncated or damaged?): " + reason);
    }
}
