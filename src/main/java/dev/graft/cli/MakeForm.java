package dev.graft.cli;

import dev.graft.GraftException;
import dev.graft.cargo.HelperDiscovery;
import dev.graft.cargo.PassThroughRules;
import dev.graft.process.Command;
import dev.graft.process.ProcessRunner;
import dev.graft.rustc.RustcInvocation;
import dev.graft.session.Session;
import dev.graft.toolchain.NestedGraft;
import dev.graft.toolchain.ToolchainLocator;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code graft-rustc ARGS...}: graft as a build's {@code RUSTC} (Kbuild: {@code make RUSTC=.../graft-rustc}).
 * A build runs its {@code RUSTC} for everything: {@code command -v}, versions, {@code --print} queries, probes,
 * host proc-macro crates and their rlibs, metadata, assembly. Only a command that emits an object has anything
 * to inline into; every other one reaches rustc unchanged, decided from the command line alone. An object
 * command is {@code graft rustc --helpers $GRAFT_HELPERS -- ARGS}, so its helpers variant is picked the same
 * way ({@code --cfg MODULE}: the {@code .module.bc} beside it). Settings come from the environment, since the
 * build's command lines are rustc's: {@value HelperDiscovery#ENVIRONMENT} (the helper bitcode),
 * {@value ToolchainLocator#RUSTC_ENVIRONMENT} (the real rustc: else rustc on PATH that is not graft; never
 * {@code $RUSTC}, which make exports, so that it names graft-rustc itself), {@code GRAFT_BACKEND},
 * {@code GRAFT_VERBOSE}, {@code GRAFT_LLVM_DIR}.
 *
 * <p>Unlike {@code graft rustc}, which refuses a command that emits no object (a user who typed it asked
 * for inlining, and a silent pass-through would hide that nothing was inlined), this form passes such a
 * command through: the build, not the user, chose to run it through {@code RUSTC}.
 */
final class MakeForm {

    /** The launcher's name for this form, passed on as the first word ({@code graft graft-rustc ARGS}). */
    static final String NAME = "graft-rustc";

    private MakeForm() {
    }

    static int run(List<String> rustcArgs, Session session) throws GraftException {
        Map<String, String> environment = session.environment();
        PrintWriter err = session.streams().err();
        boolean verbose = !environment.getOrDefault("GRAFT_VERBOSE", "").isEmpty();
        Optional<String> reason;
        try {
            reason = PassThroughRules.makeRustcReason(RustcInvocation.parse(rustcArgs, session.workingDirectory()));
        } catch (GraftException e) {
            // rustc says best what is wrong with its own command line (a missing @file, say).
            reason = Optional.of("a command line graft cannot read (" + e.getMessage() + ")");
        }
        ProcessRunner runner = new ProcessRunner(verbose ? Optional.of(err) : Optional.empty());
        Path rustc = new ToolchainLocator(runner, environment, Optional.empty()).rustcBesideGraft()
                .orElseThrow(() -> GraftException.toolchain("rustc not found: set "
                        + ToolchainLocator.RUSTC_ENVIRONMENT + " to the rustc graft-rustc runs (rustc on PATH and "
                        + "in ~/.cargo/bin are looked for too)"));
        if (reason.isPresent()) {
            if (verbose) {
                err.println("graft: passing through (" + reason.get() + ")");
                err.flush();
            }
            return runner.runInheritingIo(NestedGraft.marked(Command.of(rustc, rustcArgs)
                    .inDirectory(session.workingDirectory()).withEnvironmentOf(environment)));
        }
        List<String> command = new ArrayList<>(List.of("rustc", "--helpers", helpers(environment)));
        if (verbose) {
            command.add("--verbose");
        }
        String backend = environment.getOrDefault("GRAFT_BACKEND", "");
        if (!backend.isBlank()) {
            command.addAll(List.of("--backend", backend.strip()));
        }
        command.add("--");
        command.addAll(rustcArgs);
        // graft rustc then runs this rustc, not the RUSTC make exported.
        Map<String, String> withRustc = new HashMap<>(environment);
        withRustc.put(ToolchainLocator.RUSTC_ENVIRONMENT, rustc.toString());
        return Main.run(command, new Session(session.workingDirectory(), withRustc, session.umask(),
                session.streams(), session.buildHost(), session.memo(), session.cancellation(), session.timeline()));
    }

    /** The one helper file of {@value HelperDiscovery#ENVIRONMENT}; its variants lie beside it. */
    private static String helpers(Map<String, String> environment) throws GraftException {
        List<String> named = Arrays.stream(environment.getOrDefault(HelperDiscovery.ENVIRONMENT, "")
                .split(File.pathSeparator)).filter(s -> !s.isBlank()).toList();
        if (named.size() != 1) {
            throw GraftException.badInput((named.isEmpty() ? HelperDiscovery.ENVIRONMENT + " is not set"
                    : HelperDiscovery.ENVIRONMENT + " names " + named.size() + " files") + ": graft-rustc needs "
                    + "the one helper bitcode file 'graft helpers' wrote (its variants beside it) in make's "
                    + "environment, e.g. export " + HelperDiscovery.ENVIRONMENT + "=$PWD/rust/helpers.bc");
        }
        return named.getFirst();
    }
}
