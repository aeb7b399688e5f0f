package dev.graft.link.inprocess;

import dev.graft.ir.Linkage;
import dev.graft.link.CrateAnalysis;
import dev.graft.llvm.LlvmException;
import dev.graft.llvm.Module;

/**
 * The linkage helpers get as they are linked into a crate in process: what llvm-link's
 * {@code --only-needed} and {@code --internalize} do for the tools backend.
 */
final class HelperLinkage {

    private HelperLinkage() {
    }

    /**
     * What llvm-link's --only-needed did: referenced helpers are linked as linkonce_odr (so the crate's
     * declarations bind to them), the others become internal so globaldce drops them unless a referenced
     * helper calls them.
     */
    static void keepOnlyReferenced(Module helpers, CrateAnalysis analysis) throws LlvmException {
        for (Module.Function f : helpers.functions()) {
            boolean helper = !f.declaration() && (f.linkage() == Linkage.EXTERNAL
                    || f.linkage() == Linkage.LINKONCE_ODR);
            if (helper) {
                helpers.setLinkage(f, analysis.referencedHelpers().contains(f.name())
                        ? Linkage.LINKONCE_ODR : Linkage.INTERNAL);
            }
        }
    }

    /**
     * The internal policy, applied after linking as llvm-link --internalize does: a declaration in the crate
     * cannot bind to a definition that is already internal in the module linked in.
     */
    static void internalize(Module crate, CrateAnalysis analysis) throws LlvmException {
        for (Module.Function f : crate.functions()) {
            if (!f.declaration() && analysis.referencedHelpers().contains(f.name())) {
                crate.setLinkage(f, Linkage.INTERNAL);
            }
        }
    }
}
