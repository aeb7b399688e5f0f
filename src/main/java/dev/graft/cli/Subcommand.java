package dev.graft.cli;

import dev.graft.GraftException;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.Toolchain;

import java.util.concurrent.Callable;

/**
 * What every graft command has: the outside world it may touch (the running command's {@link CliContext})
 * and the options every command takes ({@link CommonOptions}, one instance shared by all), with the two
 * things most commands make of them first.
 */
abstract class Subcommand implements Callable<Integer> {

    protected final CommonOptions common;

    Subcommand(CommonOptions common) {
        this.common = common;
    }

    /** Where the command runs: its session and pass-through words, never held (the object serves many). */
    protected CliContext context() {
        return CliContext.current();
    }

    /** The subprocess runner, printing each command line with --verbose. */
    protected ProcessRunner runner() {
        return common.runner(context());
    }

    /** rustc and the LLVM of its version, as remembered in graft's cache directory. */
    protected Toolchain toolchain() throws GraftException {
        return common.toolchain(context());
    }
}
