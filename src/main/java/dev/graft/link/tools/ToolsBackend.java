package dev.graft.link.tools;

import dev.graft.GraftException;
import dev.graft.helpers.HelperLibrary;
import dev.graft.helpers.TargetIdentity;
import dev.graft.ir.DeclarationEdits;
import dev.graft.ir.IrModuleScan;
import dev.graft.ir.IrParseException;
import dev.graft.ir.LinkagePatcher;
import dev.graft.ir.LinkagePolicy;
import dev.graft.link.Backend;
import dev.graft.link.CrateAnalysis;
import dev.graft.link.LinkRequest;
import dev.graft.link.LinkResult;
import dev.graft.link.SignatureMismatch;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InlineRemark;
import dev.graft.report.StepTimes;
import dev.graft.toolchain.LlvmTools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The kernel's way, as subprocesses: {@code llvm-link --only-needed} the helpers into the crate's
 * bitcode, then {@code clang -c} the result with the crate's code generation options. clang runs
 * its whole optimisation pipeline again over the crate, which is what inlines the helpers.
 */
public final class ToolsBackend implements Backend {

    private final LlvmTools tools;
    private final ProcessRunner runner;

    public ToolsBackend(LlvmTools tools, ProcessRunner runner) {
        this.tools = tools;
        this.runner = runner;
    }

    @Override
    public String name() {
        return "tools";
    }

    @Override
    public LinkResult link(LinkRequest request) throws GraftException {
        Map<String, Long> timings = new LinkedHashMap<>();
        long start = System.nanoTime();
        HelperLibrary.Facts helpers = request.helpers().facts();
        String crateIr = HelperLibrary.disassemble(request.crateBitcode(), tools, runner);
        TargetIdentity crateTarget = TargetIdentity.ofIr(crateIr);
        CrateAnalysis crate = CrateAnalysis.of(scanCrate(crateIr, request.crateBitcode()).facts(),
                crateTarget.triple(), helpers, request.helpers().bitcode());
        timings.put("analyse", StepTimes.elapsedMs(start));

        Path toCompile = request.crateBitcode();
        if (!crate.referencedHelpers().isEmpty()) {
            TargetIdentity.requireCompatible(helpers, request.helpers().bitcode(), crateTarget);
            long linkStart = System.nanoTime();
            boolean internal = helpers.policy() == LinkagePolicy.INTERNAL;
            toCompile = request.scratchDirectory().resolve(internal ? "combined.ll" : "combined.bc");
            List<String> args = new ArrayList<>(adaptSignatures(request, crateIr, crate));
            args.addAll(List.of("--only-needed", request.helpers().bitcode().toString(), "-o", toCompile.toString()));
            if (internal) {
                // Not llvm-link --internalize: it would also make the library's shared constants a copy per crate.
                args.add("-S");
            }
            run(Command.of(tools.llvmLink(), args), "llvm-link could not link the helpers into the crate");
            if (internal) {
                internalizeHelpers(toCompile, helpers.helpers());
            }
            timings.put("link", StepTimes.elapsedMs(linkStart));
        }

        long codegenStart = System.nanoTime();
        List<String> clangArgs = new ArrayList<>(List.of("-c"));
        clangArgs.addAll(ClangCodegenFlags.of(request.codegen().forCrateTriple(crateTarget.triple())));
        clangArgs.addAll(List.of("-Rpass=inline", "-Rpass-missed=inline", toCompile.toString(),
                "-o", request.objectOutput().toString()));
        CommandResult codegen = run(Command.of(tools.clang(), clangArgs),
                "clang could not generate the object from the linked bitcode");
        timings.put("optimize+codegen", StepTimes.elapsedMs(codegenStart));
        List<InlineRemark> remarks = new ArrayList<>(crate.keptOutOfLine());
        remarks.addAll(InlineRemark.parse(codegen.stderr()));
        return new LinkResult(tools.version().toString(), helpers.helpers(), crate.referencedHelpers(),
                crate.helperCallSites(), remarks, List.of(), timings, Optional.empty(),
                request.patchTag().map(tag -> "the tools backend generates a unit's code whole (clang has no "
                        + "part of rustc's object to keep)"));
    }

    /**
     * The module llvm-link starts from: the crate's bitcode, or, when declarations are adapted
     * ({@link SignatureMismatch}), the crate's IR with each such declaration renamed and defined as its adapter,
     * keeping the declaration's attribute groups (the crate's target).
     */
    private static List<String> adaptSignatures(LinkRequest request, String crateIr, CrateAnalysis crate) throws GraftException {
        List<SignatureMismatch> adapted = crate.adapted();
        if (adapted.isEmpty()) {
            return List.of(request.crateBitcode().toString());
        }
        Map<String, String> renames = new LinkedHashMap<>();
        adapted.forEach(m -> renames.put(m.helper(), m.adapterName()));
        Path renamed = request.scratchDirectory().resolve("crate-adapted.ll");
        try {
            String ir = DeclarationEdits.rename(crateIr, renames);
            for (SignatureMismatch m : adapted) {
                ir = DeclarationEdits.defineInPlace(ir, m.adapterName(), m::adapterIr);
            }
            Files.writeString(renamed, ir);
        } catch (IrParseException e) {
            throw GraftException.badInput("cannot read the crate's bitcode " + request.crateBitcode() + ": "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw GraftException.io("cannot write " + renamed, e);
        }
        return List.of(renamed.toString());
    }

    private static void internalizeHelpers(Path linkedIr, Set<String> helpers) throws GraftException {
        try {
            Files.writeString(linkedIr, LinkagePatcher.internalize(Files.readString(linkedIr, StandardCharsets.UTF_8),
                    helpers), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw GraftException.io("cannot rewrite " + linkedIr, e);
        } catch (IrParseException e) {
            throw GraftException.toolFailed("graft could not parse llvm-link's output (a graft bug: please report it "
                    + "with --keep-temps): " + e.getMessage(), "");
        }
    }

    private static IrModuleScan scanCrate(String text, Path bitcode) throws GraftException {
        try {
            return IrModuleScan.of(text);
        } catch (IrParseException e) {
            throw GraftException.badInput("cannot read the crate's bitcode " + bitcode + ": " + e.getMessage(), e);
        }
    }

    private CommandResult run(Command command, String failure) throws GraftException {
        CommandResult result = runner.execute(command);
        if (!result.succeeded()) {
            throw GraftException.toolFailed(failure + " (" + command.render() + ")",
                    withoutRemarks(result.diagnostics()));
        }
        return result;
    }

    /** The last lines of a failed tool's output that are always shown: where its error usually is. */
    static final int LAST_LINES = 20;

    /**
     * A failed tool's output without the inliner remarks graft asked clang for (one per call site, thousands on
     * a large crate, and they bury the error): its error lines and its last {@value #LAST_LINES} other lines.
     */
    static String withoutRemarks(String diagnostics) {
        List<String> lines = diagnostics.lines().filter(l -> !REMARK.matcher(l).find()).toList();
        StringBuilder shown = new StringBuilder();
        int left = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (i >= lines.size() - LAST_LINES || lines.get(i).contains("error")) {
                shown.append(lines.get(i)).append('\n');
            } else {
                left++;
            }
        }
        return left == 0 ? shown.toString() : "(" + left + " lines of output left out)\n" + shown;
    }

    private static final Pattern REMARK = Pattern.compile("(^|: )remark: ");

}
