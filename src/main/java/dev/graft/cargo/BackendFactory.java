package dev.graft.cargo;

import dev.graft.GraftException;
import dev.graft.link.Backend;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.Toolchain;

/**
 * Makes the backend the crate's {@link WrapperSettings} ask for once the toolchain is known: given by the
 * command line layer, which owns the one mapping from backend names (and their options) to backends.
 */
@FunctionalInterface
public interface BackendFactory {

    Backend create(WrapperSettings settings, Toolchain toolchain, ProcessRunner runner) throws GraftException;
}
