package dev.graft.pipeline;

import dev.graft.GraftException;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.Toolchain;

/** The one place a backend name from the command line becomes a {@link Backend}. */
public final class Backends {

    private Backends() {
    }

    /**
     * @param name         {@code tools} or {@code inprocess}
     * @param optimization for inprocess: {@code inline} or {@code full}
     */
    public static Backend create(String name, String optimization, Toolchain toolchain, ProcessRunner runner)
            throws GraftException {
        return switch (name) {
            case "tools" -> new ToolsBackend(toolchain.llvm(), runner);
            case "inprocess" -> new InProcessBackend(toolchain.llvm(), switch (optimization) {
                case "inline" -> InProcessBackend.Optimization.INLINE;
                case "full" -> InProcessBackend.Optimization.FULL;
                default -> throw GraftException.badInput("unknown --opt '" + optimization + "' (inline or full)");
            });
            default -> throw GraftException.badInput("unknown backend '" + name + "' (tools or inprocess)");
        };
    }
}
