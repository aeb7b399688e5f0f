package dev.graft.job;

import dev.graft.GraftException;
import dev.graft.link.Backend;
import dev.graft.link.InliningOptions;
import dev.graft.link.inprocess.InProcessBackend;
import dev.graft.link.tools.ToolsBackend;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.Toolchain;

/**
 * The backend a crate is built with and how it inlines: {@code graft rustc}'s and {@code graft link}'s
 * {@code --backend}, {@code --opt} and forcing options, or the wrapper's settings of the same names. The one
 * place a backend name becomes a {@link Backend}.
 *
 * @param name         {@code tools} or {@code inprocess}
 * @param optimization for inprocess: {@code inline} or {@code full}
 * @param inlining     for inprocess: forcing options; the tools backend refuses them, since it could not
 *                     keep a retpoline-built indirect call out of code without retpolines
 */
public record BackendSettings(String name, String optimization, InliningOptions inlining) {

    public static final BackendSettings DEFAULT = new BackendSettings("inprocess", "inline", InliningOptions.DEFAULT);

    /**
     * These settings, refused (exit 2) when they name no backend or ask a backend for what it cannot do:
     * checked where they are read, before any rustc runs.
     */
    public BackendSettings checked() throws GraftException {
        if (!name.equals("tools") && !name.equals("inprocess")) {
            throw GraftException.badInput("unknown backend '" + name + "' (tools or inprocess)");
        }
        if (name.equals("inprocess") && !optimization.equals("inline") && !optimization.equals("full")) {
            throw GraftException.badInput("unknown --opt '" + optimization + "' (inline or full)");
        }
        if (name.equals("tools") && inlining.forcing()) {
            throw GraftException.badInput("--force-inline and --ignore-target-compat need --backend inprocess, "
                    + "which keeps helpers whose code a missing target feature changes out of line");
        }
        if (name.equals("tools") && inlining.callerFeaturesFromHelpers()) {
            throw GraftException.badInput("--caller-features-from-helpers needs --backend inprocess (the tools backend "
                    + "changes no attribute; " + InliningOptions.CALLER_FEATURES_ENVIRONMENT + "=1 is the same setting); "
                    + "with tools, build the crate with the -Ctarget-cpu the report names");
        }
        return this;
    }

    public Backend create(Toolchain toolchain, ProcessRunner runner) throws GraftException {
        checked();
        return name.equals("tools") ? new ToolsBackend(toolchain.llvm(), runner)
                : new InProcessBackend(toolchain.llvm(), optimization.equals("full")
                        ? InProcessBackend.Optimization.FULL : InProcessBackend.Optimization.INLINE, inlining);
    }
}
