package dev.graft.cargo;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.Toolchain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** cargo as the cargo tests run it: the toolchain's cargo, offline, no colour, and it must succeed. */
final class CargoRun {

    private CargoRun() {
    }

    /** graft as cargo's wrapper (or not), with its cache in the test's directory. */
    static Map<String, String> graftEnvironment(Path testDirectory, Path graft, boolean withGraft) {
        Map<String, String> env = new HashMap<>();
        env.put("GRAFT_CACHE_DIR", testDirectory.resolve("cache").toString());
        env.put("GRAFT_EXECUTABLE", graft.toString());
        env.put("RUSTC_WRAPPER", withGraft ? graft.toString() : "");
        return env;
    }

    static CommandResult run(Toolchain toolchain, Path workspace, Map<String, String> environment, String... args)
            throws Exception {
        Path cargo = toolchain.rustc().executable().resolveSibling("cargo");
        List<String> argv = new ArrayList<>(List.of(Files.isExecutable(cargo) ? cargo.toString() : "cargo"));
        argv.addAll(List.of(args));
        argv.add("--offline");
        Map<String, String> env = new HashMap<>(environment);
        env.put("CARGO_TERM_COLOR", "never");
        CommandResult result = ProcessRunner.quiet().run(new Command(argv, Optional.of(workspace), env,
                Command.DEFAULT_TIMEOUT));
        assertThat(result.exitCode()).as(String.join(" ", argv) + "\n" + result.stdout() + result.stderr()).isZero();
        return result;
    }
}
