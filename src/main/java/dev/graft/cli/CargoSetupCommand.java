package dev.graft.cli;

import dev.graft.GraftException;
import dev.graft.cargo.BuildScriptOutput;
import dev.graft.files.AtomicOutput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code graft cargo-setup}: writes the one line of configuration graft cannot do without for crates built
 * with a {@code cc} newer than 1.0.87, which prints the compiler commands graft reads only when asked:
 * {@code CC_ENABLE_DEBUG_OUTPUT = "1"} in the {@code [env]} table of the workspace's
 * {@code .cargo/config.toml}. Idempotent; every other line of the file stays as it was.
 */
@Command(name = "cargo-setup", description = {"Write the one line graft needs in a cargo workspace: "
        + "CC_ENABLE_DEBUG_OUTPUT = \"1\" under [env] in .cargo/config.toml, so the cc crate (1.0.88 and later) "
        + "prints the C compiler commands graft reads to find a crate's helpers.",
        "Then build with RUSTC_WRAPPER=graft cargo build --release."})
final class CargoSetupCommand extends Subcommand {

    private static final Pattern TABLE = Pattern.compile("^\\s*\\[\\s*([^\\]]*?)\\s*\\]\\s*(#.*)?$");
    private static final Pattern SET = Pattern.compile(
            "^\\s*" + BuildScriptOutput.CC_DEBUG_ENVIRONMENT + "\\s*=.*$");
    private static final String LINE = BuildScriptOutput.CC_DEBUG_ENVIRONMENT + " = \"1\"";

    @Option(names = "--dir", paramLabel = "DIR", description = "The workspace's directory (default: the current one).")
    Path directory;

    CargoSetupCommand(CommonOptions common) {
        super(common);
    }

    @Override
    public Integer call() throws GraftException {
        Path workspace = context().workingDirectory().resolve(directory == null ? Path.of(".") : directory).normalize();
        if (!Files.isRegularFile(workspace.resolve("Cargo.toml"))) {
            throw GraftException.badInput(workspace + " has no Cargo.toml: run graft cargo-setup in the workspace's "
                    + "directory, or give --dir");
        }
        Path config = workspace.resolve(".cargo").resolve("config.toml");
        List<String> lines = read(config);
        if (lines.stream().anyMatch(l -> SET.matcher(l).matches())) {
            context().out().println("graft: " + config + " already sets " + BuildScriptOutput.CC_DEBUG_ENVIRONMENT);
            return 0;
        }
        List<String> updated = new ArrayList<>(lines);
        int env = -1;
        for (int i = 0; i < updated.size(); i++) {
            var table = TABLE.matcher(updated.get(i));
            if (table.matches() && table.group(1).equals("env")) {
                env = i;
            }
        }
        if (env >= 0) {
            updated.add(env + 1, LINE);
        } else {
            if (!updated.isEmpty() && !updated.getLast().isBlank()) {
                updated.add("");
            }
            updated.add("[env]");
            updated.add(LINE);
        }
        try {
            Files.createDirectories(config.getParent());
        } catch (IOException e) {
            throw GraftException.io("cannot create " + config.getParent(), e);
        }
        AtomicOutput.writeString(config, String.join("\n", updated) + "\n");
        context().out().println("graft: wrote " + LINE + " under [env] in " + config);
        return 0;
    }

    private static List<String> read(Path config) throws GraftException {
        try {
            return Files.exists(config) ? Files.readAllLines(config) : List.of();
        } catch (IOException e) {
            throw GraftException.io("cannot read " + config, e);
        }
    }
}
