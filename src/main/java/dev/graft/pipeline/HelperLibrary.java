package dev.graft.pipeline;

import dev.graft.GraftException;
import dev.graft.ir.FunctionDefinition;
import dev.graft.ir.IrModuleScan;
import dev.graft.ir.IrParseException;
import dev.graft.ir.Linkage;
import dev.graft.ir.LinkagePolicy;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.LlvmTools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * A helper bitcode file written by {@code graft helpers}: the functions it offers for inlining and
 * the linkage they get in each crate.
 *
 * <p>With {@link LinkagePolicy#INTERNAL} the definitions stay external in the file and the named
 * metadata {@value #INTERNAL_MARKER} records the policy: a crate's declaration cannot bind to an
 * internal definition in another module, so helpers are internalized as they are linked in (as the
 * kernel does with {@code llvm-link --internalize}).
 */
public record HelperLibrary(Path bitcode, Set<String> helpers, LinkagePolicy policy) {

    public static final String INTERNAL_MARKER = "!graft.linkage.internal";

    public HelperLibrary {
        helpers = Set.copyOf(helpers);
    }

    public static HelperLibrary read(Path bitcode, LlvmTools tools, ProcessRunner runner) throws GraftException {
        if (!Files.isRegularFile(bitcode)) {
            throw GraftException.badInput("helper bitcode " + bitcode + " does not exist");
        }
        String text = disassemble(bitcode, tools, runner);
        Set<String> helpers = new TreeSet<>();
        try {
            for (FunctionDefinition f : IrModuleScan.of(text).definitions()) {
                if (f.linkage() == Linkage.EXTERNAL || f.linkage() == Linkage.LINKONCE_ODR) {
                    helpers.add(f.name());
                }
            }
        } catch (IrParseException e) {
            throw GraftException.badInput("cannot read helper bitcode " + bitcode + ": " + e.getMessage(), e);
        }
        LinkagePolicy policy = text.lines().anyMatch(l -> l.startsWith(INTERNAL_MARKER + " "))
                ? LinkagePolicy.INTERNAL : LinkagePolicy.LINKONCE_ODR;
        return new HelperLibrary(bitcode, helpers, policy);
    }

    static String disassemble(Path bitcode, LlvmTools tools, ProcessRunner runner) throws GraftException {
        CommandResult result = runner.execute(Command.of(tools.llvmDis(), bitcode.toString(), "-o", "-"));
        if (!result.succeeded()) {
            throw GraftException.badInput(bitcode + " is not LLVM " + tools.version().major()
                    + " bitcode: " + firstLine(result.diagnostics()));
        }
        return result.stdout();
    }

    static String firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("(no message)");
    }
}
