package dev.graft.cargo;

import dev.graft.GraftException;
import dev.graft.cache.HelperCache;
import dev.graft.files.Workspace;
import dev.graft.job.CrateJob;
import dev.graft.process.ProcessRunner;
import dev.graft.rustc.RustcInvocation;
import dev.graft.toolchain.Toolchain;
import dev.graft.toolchain.ToolchainLocator;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the wrapper and the linker shim give {@link CrateJob} for "this rustc, these helpers, these
 * arguments": the toolchain of the rustc cargo runs (never {@code $RUSTC}, which may be graft), the backend
 * and options of its {@link WrapperSettings}, the crate's codegen options.
 */
final class CrateSetup {

    private CrateSetup() {
    }

    /**
     * The environment that decides what graft does to a crate's objects: a crate's dep-info names them
     * ({@link DepInfoHelpers}), so that changing one rebuilds what it changed.
     */
    static final List<String> SETTINGS = java.util.stream.Stream.concat(java.util.stream.Stream.of(
            HelperDiscovery.ENVIRONMENT), WrapperSettings.environmentNames().stream()).toList();

    /** Each setting's value in the environment, empty when unset or blank. */
    static Map<String, Optional<String>> settings(Map<String, String> environment) {
        Map<String, Optional<String>> values = new java.util.TreeMap<>();
        SETTINGS.forEach(name -> values.put(name, Optional.ofNullable(environment.get(name)).filter(s -> !s.isBlank())));
        return values;
    }

    static CrateJob job(Toolchain toolchain, List<Path> helpers, RustcInvocation crate, Path workingDirectory,
                        WrapperSettings settings, String crateName, ProcessRunner runner, Workspace workspace)
            throws GraftException {
        return CrateJob.prepare(toolchain, helpers, settings.backend(),
                crate.codegenOptions(toolchain.rustc().hostTriple(), workingDirectory), crateName, runner, workspace);
    }

    /** The toolchain of the rustc cargo runs, as the session's memo remembers it. */
    static Toolchain toolchain(Path rustc, Map<String, String> environment, Path workingDirectory,
                               ProcessRunner runner) throws GraftException {
        return CrateJob.toolchain(new ToolchainLocator(runner, environment, Optional.empty(),
                Optional.of(HelperCache.defaultLocation(environment).root())).withRustc(rustc), environment,
                workingDirectory);
    }
}
