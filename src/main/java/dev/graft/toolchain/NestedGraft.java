package dev.graft.toolchain;

import dev.graft.GraftException;
import dev.graft.process.Command;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Stops graft from running itself as its own rustc. A name cannot tell: a build's {@code RUSTC} may be
 * any script that ends up in graft ({@code exec graft rustc ... -- "$@"}), and make exports that very
 * {@code RUSTC} to the graft it starts, which would run it again, without end. So every rustc graft runs
 * gets {@value #ENVIRONMENT} (naming that rustc) in its environment, and a graft started with it set,
 * through any chain of scripts, is that rustc: it stops at once. Only rustc's linker may be graft (the
 * linker shim, {@code -Clinker=graft}), and the server a client in such an environment starts.
 */
public final class NestedGraft {

    /** Set in the environment of every rustc graft runs: the rustc it ran, as graft named it. */
    public static final String ENVIRONMENT = "GRAFT_RUNNING_RUSTC";

    private NestedGraft() {
    }

    /** {@code command}, one graft runs as rustc (or as rustc's version query), marked as such. */
    public static Command marked(Command command) {
        Map<String, String> environment = new HashMap<>(command.environment());
        environment.put(ENVIRONMENT, command.argv().getFirst());
        return command.withEnvironment(environment);
    }

    /** The refusal for a graft started in {@code environment}, if a graft runs it as its rustc. */
    public static Optional<GraftException> refusal(Map<String, String> environment) {
        String rustc = environment.getOrDefault(ENVIRONMENT, "");
        if (rustc.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(GraftException.badInput(message(rustc)));
    }

    /** The line a graft that runs itself stops with; an outer graft that reads it from rustc repeats it. */
    static String message(String rustc) {
        return "the rustc graft runs (" + rustc + ") runs graft again: set GRAFT_RUSTC to a real rustc ("
                + "RUSTC, or a script it names, leads back to graft)";
    }

    /** The refusal a nested graft printed on {@code stderr}, if that is why a rustc graft ran failed. */
    static Optional<String> reported(String stderr) {
        String prefix = "graft: the rustc graft runs (";
        return stderr.lines().filter(l -> l.startsWith(prefix) && l.contains(") runs graft again: "))
                .map(l -> l.substring("graft: ".length())).findFirst();
    }
}
