package dev.graft.cli;

import dev.graft.GraftException;
import dev.graft.cargo.LinkerShim;
import dev.graft.cargo.RustcWrapper;
import dev.graft.cargo.ShimConfig;
import dev.graft.cargo.WrapperSettings;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.ToolchainLocator;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The two ways graft is started without a graft command: by cargo as {@code RUSTC_WRAPPER}
 * ({@code graft /path/to/rustc ARGS...}) and by rustc as the linker of a crate graft wraps (with
 * {@value ShimConfig#ENVIRONMENT} set). Neither has graft options: {@code GRAFT_VERBOSE} stands in for
 * {@code --verbose}, and {@link WrapperSettings} (environment, or the crate's {@code [package.metadata.graft]})
 * for {@code graft rustc}'s options.
 */
final class CargoForms {

    /**
     * graft's command names, known without building the command line: the first word of the wrapper
     * form is checked against them on every rustc invocation under cargo, which should not load picocli
     * ({@code CommandNamesTest} holds this list to {@link GraftCommand}'s).
     */
    static final Set<String> COMMAND_NAMES = Set.of("doctor", "helpers", "rustc", "link", "report", "demo",
            "server", "cargo-setup");

    /**
     * The option names of graft's own {@code rustc} command, inherited ones included: with them, a
     * {@code graft rustc ...} without {@code --} is graft's command, not cargo's compiler call. Known without
     * building the command line, like {@link #COMMAND_NAMES} ({@code CommandNamesTest} holds this list to
     * {@link RustcCommand}'s).
     */
    static final Set<String> RUSTC_COMMAND_OPTIONS = Set.of("--helpers", "--helpers-variant", "--backend",
            "--force-inline", "--ignore-target-compat", "--caller-features-from-helpers", "--opt", "--report",
            "--keep-temps", "-h", "--help", "-V", "--version", "--verbose", "--llvm-dir");

    private CargoForms() {
    }

    /** The form {@code args} are in, if it is one of these two. */
    static Optional<Form> of(List<String> args, CliContext context) {
        if (args.isEmpty() || args.getFirst().startsWith("-") && !isShim(context)) {
            return Optional.empty();
        }
        if (isShim(context) && !COMMAND_NAMES.contains(args.getFirst())) {
            return Optional.of(Form.LINKER_SHIM);
        }
        if (args.getFirst().equals("rustc") && plainRustcFromCargo(args, context)) {
            return Optional.of(Form.RUSTC_WRAPPER);
        }
        return COMMAND_NAMES.contains(args.getFirst()) || !isProgram(args.getFirst(), context)
                ? Optional.empty() : Optional.of(Form.RUSTC_WRAPPER);
    }

    /**
     * {@code graft rustc -vV}: cargo with {@code RUSTC=rustc} names rustc by a bare name, the same word as
     * graft's own {@code rustc} command. graft's command always has {@code --} before rustc's arguments and
     * its own options before that; words with neither, and a rustc on PATH, are cargo's.
     */
    private static boolean plainRustcFromCargo(List<String> args, CliContext context) {
        if (args.size() < 2 || args.contains("--") || !isProgram("rustc", context)) {
            return false;
        }
        return args.subList(1, args.size()).stream()
                .noneMatch(a -> RUSTC_COMMAND_OPTIONS.contains(a.contains("=") ? a.substring(0, a.indexOf('=')) : a));
    }

    /**
     * cargo names rustc by path ({@code /…/bin/rustc}), or by a name on PATH; any other word is a graft
     * command mistyped, which picocli reports.
     */
    private static boolean isProgram(String word, CliContext context) {
        if (word.contains("/")) {
            return true;
        }
        for (String dir : context.environment().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(Path.of(dir, word))) {
                return true;
            }
        }
        return false;
    }

    enum Form { RUSTC_WRAPPER, LINKER_SHIM }

    private static boolean isShim(CliContext context) {
        return !context.environment().getOrDefault(ShimConfig.ENVIRONMENT, "").isEmpty();
    }

    static boolean verbose(CliContext context) {
        return !context.environment().getOrDefault("GRAFT_VERBOSE", "").isEmpty();
    }

    static int run(Form form, List<String> args, CliContext context) throws GraftException {
        // In a server, the request's caller: rustc and the linker then run in the client, with its streams.
        ProcessRunner runner = new ProcessRunner(verbose(context) ? Optional.of(context.err()) : Optional.empty());
        if (form == Form.LINKER_SHIM) {
            return LinkerShim.run(args, Path.of(context.environment().get(ShimConfig.ENVIRONMENT)),
                    context.environment(), context.workingDirectory(), runner);
        }
        Path rustc = Path.of(args.getFirst());
        if (ToolchainLocator.isGraft(rustc, context.environment())) {
            throw GraftException.badInput("graft was given itself as the rustc to run (" + rustc + "): set "
                    + "RUSTC_WRAPPER=graft and leave RUSTC unset or naming a real rustc");
        }
        return new RustcWrapper(rustc, context.environment(), context.workingDirectory(), context.err(), runner)
                .run(args.subList(1, args.size()));
    }
}
