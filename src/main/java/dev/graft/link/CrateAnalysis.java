package dev.graft.link;

import dev.graft.GraftException;
import dev.graft.helpers.HelperLibrary;
import dev.graft.ir.CallSite;
import dev.graft.ir.FunctionDeclaration;
import dev.graft.ir.FunctionSignature;
import dev.graft.ir.ModuleFacts;
import dev.graft.report.InlineRemark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a crate wants from the helper library, checked before anything is linked: the helpers it
 * references, its call sites to them, the {@code extern} declarations whose type differs from the
 * helper's definition ({@link SignatureMismatch}: adapted where the calling convention makes them the same,
 * else left out of line, never a failure: rustc alone builds such a crate), and the one conflict that
 * must stop the build rather than be linked over silently: the crate defining a symbol the helpers also
 * define (llvm-link would keep the crate's and drop the helper).
 */
public record CrateAnalysis(Set<String> referencedHelpers, List<CallSite> helperCallSites,
                            List<SignatureMismatch> mismatches) {

    public CrateAnalysis {
        referencedHelpers = Set.copyOf(referencedHelpers);
        helperCallSites = List.copyOf(helperCallSites);
        mismatches = List.copyOf(mismatches);
    }

    /** The mismatches an adapter makes inlinable. */
    public List<SignatureMismatch> adapted() {
        return mismatches.stream().filter(SignatureMismatch::adapted).toList();
    }

    /** For each call to a helper whose declaration could not be adapted, why it stays out of line. */
    public List<InlineRemark> keptOutOfLine() {
        List<InlineRemark> remarks = new ArrayList<>();
        for (SignatureMismatch m : mismatches) {
            if (!m.adapted()) {
                helperCallSites.stream().filter(c -> c.callee().equals(m.helper())).distinct()
                        .forEach(c -> remarks.add(new InlineRemark(m.helper(), c.caller(), false, m.reason())));
            }
        }
        return remarks;
    }

    /**
     * @param crateTriple the crate's target triple: whether a declaration can be adapted depends on its calling
     *                    convention
     * @param helperFile  the helper library's file, for messages
     */
    public static CrateAnalysis of(ModuleFacts crate, String crateTriple, HelperLibrary.Facts helpers,
                                   Path helperFile) throws GraftException {
        for (ModuleFacts.Definition own : crate.definitions()) {
            if (helpers.helpers().contains(own.name()) && !own.linkage().isLocal()) {
                throw GraftException.badInput("the crate defines " + own.name() + ", which the helper library "
                        + helperFile.getFileName() + " also defines: rename one of them");
            }
        }
        Set<String> referenced = new TreeSet<>();
        List<SignatureMismatch> mismatches = new ArrayList<>();
        for (FunctionDeclaration declaration : crate.declarations()) {
            if (!helpers.helpers().contains(declaration.name())) {
                continue;
            }
            FunctionSignature helper = helpers.signatures().get(declaration.name());
            if (helper != null && !helper.equals(declaration.signature())) {
                mismatches.add(SignatureMismatch.of(declaration.name(), declaration.signature(), helper, crateTriple));
            }
            referenced.add(declaration.name());
        }
        List<CallSite> calls = crate.callSites().stream().filter(c -> referenced.contains(c.callee())).toList();
        return new CrateAnalysis(referenced, calls, mismatches);
    }
}
