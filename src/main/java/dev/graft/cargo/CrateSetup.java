package dev.graft.cargo;

import dev.graft.GraftException;
import dev.graft.cache.HelperCache;
import dev.graft.files.Workspace;
import dev.graft.process.ProcessRunner;
import dev.graft.rustc.RustcInvocation;
import dev.graft.toolchain.Toolchain;
import dev.graft.toolchain.ToolchainLocator;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one way the wrapper and the linker shim get from "this rustc, these helpers, these arguments"
 * to a {@link UnitGrafter}: the toolchain of the rustc cargo runs (never {@code $RUSTC}, which may be
 * graft), the backend and options of its {@link WrapperSettings}, the crate's codegen options.
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

    static UnitGrafter grafter(Toolchain toolchain, List<Path> helpers, RustcInvocation crate, Path workingDirectory,
                               WrapperSettings settings, BackendFactory backends, String crateName, ProcessRunner runner,
                               Workspace workspace) throws GraftException {
        return UnitGrafter.create(helpers, crate.codegenOptions(toolchain.rustc().hostTriple(), workingDirectory),
                toolchain, runner, backends.create(settings, toolchain, runner), crateName, workspace);
    }

    static Toolchain toolchain(Path rustc, Map<String, String> environment, ProcessRunner runner) throws GraftException {
        return new ToolchainLocator(runner, environment, Optional.empty(),
                Optional.of(HelperCache.defaultLocation(environment).root())).withRustc(rustc).locate();
    }
}
