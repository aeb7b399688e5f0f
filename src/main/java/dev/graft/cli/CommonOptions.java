package dev.graft.cli;

import dev.graft.GraftException;
import dev.graft.cache.HelperCache;
import dev.graft.job.CrateJob;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.Toolchain;
import dev.graft.toolchain.ToolchainLocator;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.Optional;

/** Options every command takes, before or after the command name: one instance, shared by all commands. */
final class CommonOptions {

    // Declared here rather than by picocli's mixinStandardHelpOptions: an inherited option is copied to
    // each command, where a mixin per command costs a warm server reflection on every request.
    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, scope = ScopeType.INHERIT,
            description = "Print graft's version and exit.")
    boolean version;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print every command line graft runs, step times, and stack traces.")
    boolean verbose;

    @Option(names = "--llvm-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "LLVM installation to use (default: GRAFT_LLVM_DIR, then /usr/lib/llvm-N of rustc's LLVM).")
    Path llvmDir;

    ProcessRunner runner(CliContext context) {
        return new ProcessRunner(verbose ? Optional.of(context.err()) : Optional.empty());
    }

    /** Remembers the LLVM found in graft's cache directory; 'graft doctor' looks afresh instead. */
    ToolchainLocator locator(CliContext context) {
        return new ToolchainLocator(runner(context), context.environment(), Optional.ofNullable(llvmDir),
                Optional.of(HelperCache.defaultLocation(context.environment()).root()));
    }

    ToolchainLocator freshLocator(CliContext context) {
        return new ToolchainLocator(runner(context), context.environment(), Optional.ofNullable(llvmDir));
    }

    Toolchain toolchain(CliContext context) throws GraftException {
        return CrateJob.toolchain(locator(context), context.environment(), context.workingDirectory());
    }
}
