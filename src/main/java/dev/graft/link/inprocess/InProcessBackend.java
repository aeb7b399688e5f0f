package dev.graft.link.inprocess;

import dev.graft.GraftException;
import dev.graft.files.FileBytes;
import dev.graft.session.Session;
import dev.graft.helpers.HelperLibrary;
import dev.graft.helpers.TargetIdentity;
import dev.graft.ir.CallSite;
import dev.graft.ir.LinkagePolicy;
import dev.graft.link.Backend;
import dev.graft.link.CodegenOptions;
import dev.graft.link.CrateAnalysis;
import dev.graft.link.InliningOptions;
import dev.graft.link.LinkRequest;
import dev.graft.link.LinkResult;
import dev.graft.link.SignatureMismatch;
import dev.graft.link.UnitPatch;
import dev.graft.llvm.Context;
import dev.graft.llvm.Diagnostic;
import dev.graft.llvm.Llvm;
import dev.graft.llvm.LlvmException;
import dev.graft.llvm.Module;
import dev.graft.llvm.TargetMachine;
import dev.graft.report.InlineRemark;
import dev.graft.report.Reconciliation;
import dev.graft.report.StepTimes;
import dev.graft.toolchain.InstallAdvice;
import dev.graft.toolchain.LlvmTools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * libLLVM in this process: no subprocesses, no temporary bitcode, and by default only the passes
 * inlining needs ({@link Optimization#INLINE}) instead of a second full {@code -O} pipeline over code
 * rustc already optimised. {@link Optimization#FULL} runs {@code default<On>}, as the tools backend's
 * clang does.
 */
public final class InProcessBackend implements Backend {

    /** How much of LLVM's pipeline runs after linking. */
    public enum Optimization { INLINE, FULL }

    private final LlvmTools tools;
    private final Optimization optimization;
    private final InliningOptions inlining;

    public InProcessBackend(LlvmTools tools, Optimization optimization, InliningOptions inlining) {
        this.tools = tools;
        this.optimization = optimization;
        this.inlining = inlining;
    }

    @Override
    public String name() {
        return "inprocess";
    }

    /**
     * -Cllvm-args set LLVM's process-wide options: rustc applies them to its own optimisation of the crate,
     * but the warm server generates code for every crate in one process, so graft does not apply them here.
     */
    @Override
    public Optional<String> unappliedOptions(CodegenOptions codegen) {
        if (codegen.llvmArgs().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("-Cllvm-args=" + String.join(" ", codegen.llvmArgs()) + " shaped rustc's optimisation of "
                + "the crate, not graft's in-process optimisation and code generation (LLVM's options are "
                + "process-wide); --backend tools passes them to clang");
    }

    /** libLLVM, loaded and bound once per process: once loaded, this returns at once. */
    @Override
    public void prepare() {
        try {
            load(tools);
        } catch (GraftException | RuntimeException e) {
            // link() loads it again and reports why it cannot.
        }
    }

    @Override
    public LinkResult link(LinkRequest request) throws GraftException {
        Map<String, Long> timings = new LinkedHashMap<>();
        long loadStart = System.nanoTime();
        Llvm llvm = load(tools);
        timings.put("load libLLVM", StepTimes.elapsedMs(loadStart));
        long start = System.nanoTime();
        try (Context context = llvm.newContext();
             Module crate = parse(tools, context, request.crateBitcode(), false);
             Module helpers = parse(tools, context, request.helpers().bitcode(), true)) {
            HelperLibrary.Facts library = LibraryContents.of(helpers);
            Optional<String> notPatched = request.patchTag().isEmpty() ? Optional.empty()
                    : whyNotPatched(request.codegen(), crate, helpers);
            Optional<String> patchTag = request.patchTag().filter(tag -> notPatched.isEmpty());
            Optional<PatchExtraction.OwnDefinitions> own = patchTag.map(tag -> PatchExtraction.OwnDefinitions.of(crate));
            CrateAnalysis analysis = CrateAnalysis.of(crate.facts(), crate.targetTriple(), library,
                    request.helpers().bitcode());
            AttributeReconciler.Outcome reconciled = AttributeReconciler.Outcome.NOTHING;
            timings.put("analyse", StepTimes.elapsedMs(start));
            if (!analysis.referencedHelpers().isEmpty()) {
                TargetIdentity.requireCompatible(library, request.helpers().bitcode(),
                        new TargetIdentity(crate.targetTriple(), crate.dataLayout()));
                long linkStart = System.nanoTime();
                adaptSignatures(context, crate, analysis);
                HelperLinkage.keepOnlyReferenced(helpers, analysis);
                crate.linkIn(helpers);
                if (library.policy() == LinkagePolicy.INTERNAL) {
                    HelperLinkage.internalize(crate, analysis);
                }
                timings.put("link", StepTimes.elapsedMs(linkStart));
                long reconcileStart = System.nanoTime();
                reconciled = AttributeReconciler.reconcile(crate, callsToReconcile(analysis), inlining);
                timings.put("reconcile", StepTimes.elapsedMs(reconcileStart));
            }
            CallerWatch callers = CallerWatch.before(crate, analysis.helperCallSites());
            List<InlineRemark> inliningRemarks = List.of();
            Optional<UnitPatch> patch = Optional.empty();
            Optional<String> wholeUnitBecause = notPatched;
            List<Reconciliation> mergedByLlvm;
            CodegenOptions codegen = request.codegen().forCrateTriple(crate.targetTriple());
            try (TargetMachine machine = TargetMachines.create(llvm, codegen)) {
                // Step boundaries: LLVM's own steps cannot be interrupted, so a cancel is heeded between them.
                Session.current().cancellation().check();
                long optimizeStart = System.nanoTime();
                try {
                    if (optimization == Optimization.INLINE && analysis.referencedHelpers().isEmpty()) {
                        // Nothing to inline: rustc optimised this code already, and a pass over it would be cost
                        // that changes nothing (the same machine code rustc alone makes, sooner).
                        inliningRemarks = List.of();
                    } else if (optimization == Optimization.INLINE && !codegen.optLevel().equals("0")) {
                        inliningRemarks = InlineSteps.run(context, crate, machine);
                    } else {
                        crate.runPasses(fixedPipeline(codegen.optLevel()), machine);
                    }
                } catch (LlvmException e) {
                    throw GraftException.llvmFailed("LLVM could not optimise the crate: " + e.getMessage(), e);
                }
                timings.put("optimize", StepTimes.elapsedMs(optimizeStart));
                mergedByLlvm = callers.changes(crate);
                if (patchTag.isPresent() && !analysis.referencedHelpers().isEmpty()) {
                    long extractStart = System.nanoTime();
                    PatchExtraction.Outcome outcome = PatchExtraction.extract(crate, own.orElseThrow(),
                            changedFunctions(inliningRemarks), patchTag.get(), machine);
                    patch = outcome.patch();
                    if (patch.isEmpty() && !outcome.moduleIntact()) {
                        // The module may already be cut: the unit is generated whole from its bitcode again.
                        return link(new LinkRequest(request.crateBitcode(), request.helpers(), request.codegen(),
                                request.objectOutput(), request.scratchDirectory()))
                                .generatedWholeBecause(outcome.wholeUnitBecause().orElseThrow());
                    }
                    wholeUnitBecause = outcome.wholeUnitBecause();
                    timings.put("extract", StepTimes.elapsedMs(extractStart));
                } else if (patchTag.isPresent()) {
                    wholeUnitBecause = Optional.of("the unit calls no helper");
                }
                if (codegen.functionSections()) {
                    crate.useFunctionSections();
                }
                Session.current().cancellation().check();
                long codegenStart = System.nanoTime();
                byte[] object;
                try {
                    object = crate.emitObject(machine);
                } catch (LlvmException e) {
                    throw GraftException.llvmFailed("LLVM could not generate the object: " + e.getMessage(), e);
                }
                Session.current().cancellation().check();
                FileBytes.write(request.objectOutput(), object);
                timings.put("codegen", StepTimes.elapsedMs(codegenStart));
            }
            List<InlineRemark> remarks = new ArrayList<>(inliningRemarks);
            remarks.addAll(remarks(context.drainDiagnostics()));
            List<Reconciliation> changes = new ArrayList<>(reconciled.changes());
            changes.addAll(mergedByLlvm);
            List<InlineRemark> explained = new ArrayList<>(analysis.keptOutOfLine());
            explained.addAll(explained(reconciled, remarks));
            return new LinkResult(llvm.version(), library.helpers(), analysis.referencedHelpers(),
                    analysis.helperCallSites(), explained, changes, timings, patch, wholeUnitBecause);
        } catch (LlvmException e) {
            // What is left: the modules could not be linked, or the target machine not made for these options.
            throw GraftException.badInput("LLVM: " + e.getMessage(), e);
        }
    }

    /**
     * Puts an adapter between each call and a helper whose declaration differs from its definition only as the
     * calling convention allows ({@link SignatureMismatch}): the crate's declaration takes the adapter's name, so
     * every call and use now reaches the adapter, which is linked in with its definition and the helper's
     * declaration of the real type.
     */
    private static void adaptSignatures(Context context, Module crate, CrateAnalysis analysis) throws LlvmException {
        List<SignatureMismatch> adapted = analysis.adapted();
        if (adapted.isEmpty()) {
            return;
        }
        List<String> adapters = new ArrayList<>();
        for (SignatureMismatch m : adapted) {
            Module.Function declaration = crate.function(m.helper()).orElseThrow();
            adapters.add(m.adapterIr(SignatureMismatch.targetAttributes(
                    crate.attributes().read(declaration).strings())));
            crate.rename(declaration, m.adapterName());
        }
        crate.linkIn(Module.parseIr(context, SignatureMismatch.adapterModule(adapters, crate.targetTriple(),
                crate.dataLayout()), "graft signature adapters"));
    }

    /**
     * The crate's helper calls, and each adapter's call of its helper: a feature difference that keeps a call
     * out of line must keep the adapter's call out of line too, since the adapter is always inlined.
     */
    private static List<CallSite> callsToReconcile(CrateAnalysis analysis) {
        List<CallSite> calls = new ArrayList<>(analysis.helperCallSites());
        analysis.adapted().forEach(m -> calls.add(new CallSite(m.adapterName(), m.helper())));
        return calls;
    }

    /**
     * Parses a bitcode file; what LLVM says about one it cannot read becomes graft's usual message (a
     * newer LLVM's bitcode is a toolchain problem, exit 3), as with llvm-dis for the tools backend.
     */
    static Module parse(LlvmTools tools, Context context, Path bitcode, boolean lazily) throws GraftException {
        try {
            String name = bitcode.getFileName().toString();
            // A helper library is read lazily: only the bodies of the helpers a crate calls are ever parsed.
            return lazily ? Module.readBitcodeLazily(context, FileBytes.read(bitcode), name)
                    : Module.parseBitcode(context, FileBytes.read(bitcode), name);
        } catch (LlvmException e) {
            String message = e.getMessage();
            String reason = message.substring(message.indexOf(": ") + 2);
            throw HelperLibrary.unreadable(bitcode, tools.version().major(), tools.version().toString(), message,
                    reason);
        }
    }

    /**
     * Why a unit whose patch was asked for is generated whole before anything is inlined: graft's pipeline is then
     * not the inliner alone, rustc's object cannot be cut function by function, or the unit or its helpers hold
     * what a patch cannot carry ({@link PatchExtraction#unpatchable}).
     */
    private Optional<String> whyNotPatched(CodegenOptions codegen, Module crate, Module helpers) {
        if (optimization != Optimization.INLINE) {
            return Optional.of("--optimization full optimises the whole unit again");
        }
        if (codegen.optLevel().equals("0")) {
            return Optional.of("at -Copt-level=0 graft's pipeline is LLVM's always-inliner over the whole unit");
        }
        if (!codegen.functionSections()) {
            return Optional.of("rustc's object has no function sections (-Zfunction-sections=no), so no function "
                    + "can be taken out of it");
        }
        return PatchExtraction.unpatchable(crate, helpers);
    }

    /** The functions the inliner changed: the callers its remarks say something was inlined into. */
    private static Set<String> changedFunctions(List<InlineRemark> remarks) {
        return remarks.stream().filter(InlineRemark::inlined).map(InlineRemark::caller)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** graft's own decisions first, then LLVM's remarks with what graft knows about the difference appended. */
    private static List<InlineRemark> explained(AttributeReconciler.Outcome reconciled, List<InlineRemark> remarks) {
        List<InlineRemark> all = new ArrayList<>(reconciled.keptOutOfLine());
        for (InlineRemark r : remarks) {
            Optional<String> why = r.inlined() ? Optional.empty()
                    : reconciled.explanation(new CallSite(r.caller(), r.callee()));
            all.add(why.map(r::explainedBy).orElse(r));
        }
        return all;
    }

    static Llvm load(LlvmTools tools) throws GraftException {
        Path library = tools.libLlvm().orElseThrow(() -> GraftException.toolchain("the inprocess backend needs "
                + "libLLVM " + tools.version().major() + ", which was not found next to " + tools.binDirectory()
                + "; " + InstallAdvice.installLlvm(tools.version().major())));
        try {
            return Llvm.load(library, tools.version().major());
        } catch (LlvmException e) {
            throw GraftException.toolchain(e.getMessage() + "; " + InstallAdvice.installLlvm(tools.version().major()));
        }
    }

    /**
     * The pipeline of one module pass for what {@link InlineSteps} does not run: -Copt-level=0 (the
     * always-inliner only) and {@link Optimization#FULL} ({@code default<On>}).
     */
    private String fixedPipeline(String optLevel) {
        if (optLevel.equals("0")) {
            return "always-inline,globaldce";
        }
        return "default<O" + (optLevel.equals("s") || optLevel.equals("z") ? optLevel.toUpperCase() : optLevel)
                + ">";
    }

    /** Each of LLVM's inliner diagnostics, one remark apiece: never joined into text to be read back. */
    static List<InlineRemark> remarks(List<Diagnostic> diagnostics) {
        return diagnostics.stream().filter(d -> d.severity() == Diagnostic.Severity.REMARK)
                .flatMap(d -> InlineRemark.ofLlvm(d.message()).stream()).toList();
    }
}
