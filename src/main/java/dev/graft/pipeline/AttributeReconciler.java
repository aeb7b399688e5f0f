package dev.graft.pipeline;

import dev.graft.ir.CallSite;
import dev.graft.llvm.LlvmException;
import dev.graft.llvm.Module;
import dev.graft.report.Reconciliation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes a Rust caller's attributes agree with a helper's where that is sound, so LLVM's inliner is not
 * blocked by a difference that does not matter. Only differences whose resolution restricts the caller
 * (never the helper) are reconciled:
 *
 * <ul>
 *   <li>{@code "no-builtins"} and {@code "no-builtin-NAME"} (from {@code -ffreestanding},
 *       {@code -fno-builtin-NAME}): LLVM inlines only a callee whose unavailable library functions are a
 *       subset of the caller's. Giving the caller the helper's list only stops LLVM from turning the
 *       caller's code into those library calls; nothing the helper relies on changes.</li>
 * </ul>
 * Everything else is left to LLVM's own compatibility checks and shows up in the report as a reason.
 * Target features in particular are never relaxed: a helper with retpoline or return-thunk features
 * inlined into a caller without them would silently lose the mitigation, and LLVM refuses that itself.
 */
final class AttributeReconciler {

    private AttributeReconciler() {
    }

    static List<Reconciliation> reconcile(Module module, List<CallSite> helperCalls) throws LlvmException {
        List<Reconciliation> done = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (CallSite call : helperCalls) {
            if (!seen.add(call.caller() + "\u0000" + call.callee())) {
                continue;
            }
            Optional<Module.Function> caller = module.function(call.caller());
            Optional<Module.Function> helper = module.function(call.callee());
            if (caller.isEmpty() || helper.isEmpty() || helper.get().declaration()) {
                continue;
            }
            Map<String, String> callerAttributes = module.stringAttributes(caller.get());
            for (Map.Entry<String, String> a : module.stringAttributes(helper.get()).entrySet()) {
                boolean noBuiltin = a.getKey().equals("no-builtins") || a.getKey().startsWith("no-builtin-");
                if (noBuiltin && !callerAttributes.containsKey(a.getKey())) {
                    module.addStringAttribute(caller.get(), a.getKey(), a.getValue());
                    callerAttributes.put(a.getKey(), a.getValue());
                    done.add(new Reconciliation(call.caller(), a.getKey(), "copied from " + call.callee()
                            + ": the caller may no longer be optimised into that library call"));
                }
            }
        }
        return done;
    }
}
