package dev.graft.cargo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a build script printed, as cargo saved it in {@code target/<profile>/build/<pkg>-<hash>/output}
 * beside the script's {@code OUT_DIR} ({@code .../out}): the static libraries it asked cargo to link, and
 * the commands the {@code cc} crate ran to build them. {@code cc} prints each command as
 * {@code running: } followed by Rust's {@code Debug} rendering of a {@code std::process::Command}: always up to
 * 1.0.86 (Debian 12 ships 1.0.73), as a {@code cargo:warning=} in 1.0.87, and from 1.0.88 on only when
 * {@code CC_ENABLE_DEBUG_OUTPUT} is set, which those releases announce by printing
 * {@code cargo:rerun-if-env-changed=CC_ENABLE_DEBUG_OUTPUT}.
 *
 * @param commands       each {@code running:} command's words, program first, environment assignments and
 *                       a {@code cd} prefix left out
 * @param debugSwitchable the script's {@code cc} prints commands only when {@value #CC_DEBUG_ENVIRONMENT} is set
 */
public record BuildScriptOutput(Path file, List<String> staticLibraries, List<List<String>> commands,
                                boolean debugSwitchable) {

    public static final String CC_DEBUG_ENVIRONMENT = "CC_ENABLE_DEBUG_OUTPUT";
    private static final String RUNNING = "running: ";
    private static final String WARNING = "warning=";

    /** The saved output of the build script whose {@code OUT_DIR} is {@code outDir}, when cargo saved one. */
    public static Optional<BuildScriptOutput> forOutDir(Path outDir) {
        Path parent = outDir.toAbsolutePath().normalize().getParent();
        if (parent == null || !outDir.getFileName().toString().equals("out")) {
            return Optional.empty();
        }
        Path file = parent.resolve("output");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(parse(file, Files.readString(file, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // A build script's log graft cannot read is one without commands: nothing to discover.
            return Optional.empty();
        }
    }

    static BuildScriptOutput parse(Path file, String text) {
        List<String> libraries = new ArrayList<>();
        List<List<String>> commands = new ArrayList<>();
        boolean switchable = false;
        for (String line : text.split("\n")) {
            String instruction = line.startsWith("cargo::") ? line.substring("cargo::".length())
                    : line.startsWith("cargo:") ? line.substring("cargo:".length()) : null;
            if (instruction != null) {
                if (instruction.startsWith("rustc-link-lib=")) {
                    staticLibrary(instruction.substring("rustc-link-lib=".length())).ifPresent(libraries::add);
                }
                switchable |= instruction.equals("rerun-if-env-changed=" + CC_DEBUG_ENVIRONMENT);
                if (instruction.startsWith(WARNING + RUNNING)) {
                    DebugCommand.words(instruction.substring(WARNING.length() + RUNNING.length()))
                            .ifPresent(commands::add);
                }
            } else if (line.startsWith(RUNNING)) {
                DebugCommand.words(line.substring(RUNNING.length())).ifPresent(commands::add);
            }
        }
        return new BuildScriptOutput(file, List.copyOf(libraries), List.copyOf(commands), switchable);
    }

    /** {@code static=NAME}, {@code static:+whole-archive=NAME}, {@code static=NAME:RENAME}: NAME. */
    static Optional<String> staticLibrary(String value) {
        int eq = value.indexOf('=');
        if (eq < 0 || !(value.startsWith("static=") || value.startsWith("static:"))) {
            return Optional.empty();
        }
        String name = value.substring(eq + 1);
        return Optional.of(name.contains(":") ? name.substring(0, name.indexOf(':')) : name);
    }

    /** The saved output names no command, though its {@code cc} would have printed them on request. */
    public boolean commandsWithheld() {
        return commands.isEmpty() && debugSwitchable;
    }
}
