package dev.graft.link;

import dev.graft.GraftException;
import dev.graft.helpers.HelperLibrary;
import dev.graft.ir.CallSite;
import dev.graft.ir.FunctionDeclaration;
import dev.graft.ir.FunctionSignature;
import dev.graft.ir.ModuleFacts;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a crate wants from the helper library, checked before anything is linked: the helpers it
 * references, its call sites to them, and the two conflicts that must stop the build rather than be
 * linked over silently: the crate defining a symbol the helpers also define (llvm-link would keep
 * the crate's and drop the helper), and an {@code extern} declaration whose type differs from the
 * helper's definition (inlining it would compile a call with the wrong arguments).
 */
public record CrateAnalysis(Set<String> referencedHelpers, List<CallSite> helperCallSites) {

    public CrateAnalysis {
        referencedHelpers = Set.copyOf(referencedHelpers);
        helperCallSites = List.copyOf(helperCallSites);
    }

    /** @param helperFile the helper library's file, for messages */
    public static CrateAnalysis of(ModuleFacts crate, HelperLibrary.Facts helpers, Path helperFile)
            throws GraftException {
        for (ModuleFacts.Definition own : crate.definitions()) {
            if (helpers.helpers().contains(own.name()) && !own.linkage().isLocal()) {
                throw GraftException.badInput("the crate defines " + own.name() + ", which the helper library "
                        + helperFile.getFileName() + " also defines: rename one of them");
            }
        }
        Set<String> referenced = new TreeSet<>();
        for (FunctionDeclaration declaration : crate.declarations()) {
            if (!helpers.helpers().contains(declaration.name())) {
                continue;
            }
            FunctionSignature helper = helpers.signatures().get(declaration.name());
            if (helper != null && !helper.equals(declaration.signature())) {
                throw GraftException.badInput("the crate declares " + declaration.name() + " as "
                        + declaration.signature() + " but the helper library defines it as " + helper
                        + ": fix the extern declaration (graft never inlines into a mismatched call)");
            }
            referenced.add(declaration.name());
        }
        List<CallSite> calls = crate.callSites().stream().filter(c -> referenced.contains(c.callee())).toList();
        return new CrateAnalysis(referenced, calls);
    }
}
