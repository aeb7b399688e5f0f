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
 * graft), the backend named by {@code GRAFT_BACKEND} (default in process), the crate's codegen options.
 */
final class CrateSetup {

    static final String BACKEND_ENVIRONMENT = "GRAFT_BACKEND";

    private CrateSetup() {
    }

    static String backendName(Map<String, String> environment) {
        return Optional.ofNullable(environment.get(BACKEND_ENVIRONMENT)).filter(s -> !s.isBlank()).orElse("inprocess");
    }

    static UnitGrafter grafter(Toolchain toolchain, List<Path> helpers, RustcInvocation crate, Path workingDirectory,
                               String backendName, BackendFactory backends, String crateName, ProcessRunner runner,
                               Workspace workspace) throws GraftException {
        return UnitGrafter.create(helpers, crate.codegenOptions(toolchain.rustc().hostTriple(), workingDirectory),
                toolchain, runner, backends.create(backendName, toolchain, runner), crateName, workspace);
    }

    static Toolchain toolchain(Path rustc, Map<String, String> environment, ProcessRunner runner) throws GraftException {
        return new ToolchainLocator(runner, environment, Optional.empty(),
                Optional.of(HelperCache.defaultLocation(environment).root())).withRustc(rustc).locate();
    }
}
