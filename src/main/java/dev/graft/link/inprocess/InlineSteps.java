package dev.graft.link.inprocess;

import dev.graft.GraftException;
import dev.graft.llvm.Context;
import dev.graft.llvm.Diagnostic;
import dev.graft.llvm.LlvmException;
import dev.graft.llvm.Module;
import dev.graft.llvm.TargetMachine;
import dev.graft.report.InlineRemark;
import dev.graft.session.Session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@link InProcessBackend#INLINE_PIPELINE} in steps, so that its clean-up costs what the inlining changed and
 * not what the crate holds: the inliner over the module, then the clean-up only on the functions something was
 * inlined into (which LLVM's remarks name), then {@code globaldce}. Every other function is as rustc
 * optimised it, and cleaning it up again is a second pass over the whole crate that changes nothing rustc's
 * own pipeline did not already reach. Needs LLVM 20's {@code LLVMRunPassesOnFunction}; older libLLVM runs
 * the pipeline whole.
 */
final class InlineSteps {

    /** The function passes that clean up after inlining (see {@link InProcessBackend#INLINE_PIPELINE}). */
    static final String CLEAN_UP = "sroa,early-cse,instcombine<no-verify-fixpoint>,simplifycfg,jump-threading,"
            + "correlated-propagation,gvn,loop-vectorize,loop-unroll<O2>,instcombine<no-verify-fixpoint>,simplifycfg";

    private InlineSteps() {
    }

    /** Runs the pipeline; returns the diagnostics the inliner left (its remarks), drained from {@code context}. */
    static List<Diagnostic> run(Context context, Module crate, TargetMachine machine)
            throws LlvmException, GraftException {
        crate.runPasses("cgscc(inline)", machine);
        List<Diagnostic> inlining = context.drainDiagnostics();
        Set<String> changed = inlining.stream().filter(d -> d.severity() == Diagnostic.Severity.REMARK)
                .flatMap(d -> InlineRemark.ofLlvm(d.message()).stream())
                .filter(InlineRemark::inlined).map(InlineRemark::caller).collect(Collectors.toCollection(TreeSet::new));
        List<Module.Function> functions = new ArrayList<>();
        for (String name : changed) {
            Optional<Module.Function> function = crate.function(name);
            if (function.isEmpty()) {
                // A caller the remark names in a way graft cannot find again: clean up every function, as before.
                crate.runPasses("function(" + CLEAN_UP + ")", machine);
                functions.clear();
                break;
            }
            functions.add(function.get());
        }
        for (Module.Function function : functions) {
            Session.current().cancellation().check();
            crate.runPasses(function, CLEAN_UP, machine);
        }
        crate.runPasses("globaldce", machine);
        return inlining;
    }
}
