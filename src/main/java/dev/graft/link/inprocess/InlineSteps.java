package dev.graft.link.inprocess;

import dev.graft.GraftException;
import dev.graft.llvm.Attributes;
import dev.graft.llvm.Context;
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
 * The in-process backend's default pipeline ({@link InProcessBackend.Optimization#INLINE}) in steps, so that its
 * clean-up costs what the inlining changed and not what the crate holds: the inliner over the module (with the
 * target machine attached), then {@link #CLEAN_UP} only on the functions something was inlined into (which
 * LLVM's remarks name), then {@code globaldce}. Every other function is as rustc
 * optimised it, and cleaning it up again is a second pass over the whole crate that changes nothing rustc's
 * own pipeline did not already reach. LLVM 20 and later run the clean-up on each changed function
 * ({@code LLVMRunPassesOnFunction}); older libLLVM (the kernel's LLVM 19) runs it over the module while every
 * other function carries {@code optnone}, which LLVM's pass instrumentation skips, and takes those marks off
 * again before anything else sees them.
 */
final class InlineSteps {

    /**
     * The clean-up inlining's results need, and the passes inlining newly enables: rustc could neither vectorize
     * nor unroll a loop whose body called an opaque helper (loops rustc already vectorized or unrolled carry
     * metadata that makes these passes leave them alone); jump threading and correlated value propagation fold
     * the branches inlining made redundant (helpers that branch on counts their callers already tested); GVN
     * removes the loads and values inlining made redundant across helpers called one after another. What each
     * pass is worth on which workload: bench/RESULTS.md, "The in-process pipeline's passes". InstCombine runs
     * without its fixpoint check, as LLVM's own -O pipelines run it: LLVM 19 makes a textual {@code instcombine}
     * check it, and a function that needs a second round (Linux 7.2's kernel crate) is then a fatal error.
     */
    static final String CLEAN_UP = "sroa,early-cse,instcombine<no-verify-fixpoint>,simplifycfg,jump-threading,"
            + "correlated-propagation,gvn,loop-vectorize,loop-unroll<O2>,instcombine<no-verify-fixpoint>,simplifycfg";

    /** A function held out of the clean-up, and whether it was {@code noinline} already ({@code optnone} needs it). */
    private record Held(Module.Function function, boolean wasNoInline) {
    }

    private InlineSteps() {
    }

    /** Runs the pipeline; returns the inliner's remarks, drained from {@code context}. */
    static List<InlineRemark> run(Context context, Module crate, TargetMachine machine)
            throws LlvmException, GraftException {
        return run(context, crate, machine, crate.canRunPassesOnOneFunction());
    }

    /** {@code oneFunctionAtATime}: LLVM 20's way, else the {@code optnone} marks (tests run both). */
    static List<InlineRemark> run(Context context, Module crate, TargetMachine machine, boolean oneFunctionAtATime)
            throws LlvmException, GraftException {
        crate.runPasses("cgscc(inline)", machine);
        List<InlineRemark> inlining = InProcessBackend.remarks(context.drainDiagnostics());
        Set<String> changed = inlining.stream().filter(InlineRemark::inlined).map(InlineRemark::caller)
                .collect(Collectors.toCollection(TreeSet::new));
        Session.current().cancellation().check();
        List<Optional<Module.Function>> callers = changed.stream().map(crate::function).toList();
        // A caller a remark names in a way graft cannot find again: then every function is cleaned up, as before.
        boolean allFound = callers.stream().allMatch(Optional::isPresent);
        if (oneFunctionAtATime && allFound) {
            for (Optional<Module.Function> caller : callers) {
                Session.current().cancellation().check();
                crate.runPasses(caller.orElseThrow(), CLEAN_UP, machine);
            }
        } else {
            cleanUpWithTheRestHeld(crate, machine, changed, allFound);
        }
        crate.runPasses("globaldce", machine);
        return inlining;
    }

    /**
     * The clean-up over the module with every function outside {@code changed} marked {@code optnone} (and
     * {@code noinline}, which it requires) when {@code hold}; the marks are taken off before globaldce could
     * delete a function that carries them. An {@code alwaysinline} function is left unmarked (the two conflict).
     */
    private static void cleanUpWithTheRestHeld(Module crate, TargetMachine machine, Set<String> changed, boolean hold)
            throws LlvmException {
        Attributes attributes = crate.attributes();
        List<Held> held = new ArrayList<>();
        try {
            if (hold) {
                for (Module.Function f : crate.functions()) {
                    if (f.declaration() || changed.contains(f.name()) || attributes.has(f, "optnone")
                            || attributes.has(f, "alwaysinline")) {
                        continue;
                    }
                    boolean wasNoInline = attributes.has(f, "noinline");
                    held.add(new Held(f, wasNoInline));
                    if (!wasNoInline) {
                        attributes.add(f, "noinline");
                    }
                    attributes.add(f, "optnone");
                }
            }
            crate.runPasses("function(" + CLEAN_UP + ")", machine);
        } finally {
            for (Held h : held) {
                attributes.remove(h.function(), "optnone");
                if (!h.wasNoInline()) {
                    attributes.remove(h.function(), "noinline");
                }
            }
        }
    }
}
