package dev.graft.toolchain;

import dev.graft.GraftException;
import dev.graft.process.Command;
import dev.graft.process.CommandException;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds rustc, then an LLVM installation of rustc's LLVM major version. Search order for LLVM:
 * an explicit directory ({@code --llvm-dir}, else {@code GRAFT_LLVM_DIR}: the installation or its
 * {@code bin/}), then {@code /usr/lib/llvm-N/bin}, then the directory {@code llvm-config-N} on PATH
 * names. An explicit directory is never second-guessed: when it holds the wrong version graft refuses.
 */
public final class ToolchainLocator {

    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);

    /** The rustc graft runs, when the build's own {@code RUSTC} is graft. */
    public static final String RUSTC_ENVIRONMENT = "GRAFT_RUSTC";

    private final ProcessRunner runner;
    private final Map<String, String> environment;
    private final Optional<Path> llvmDirectoryOverride;

    private final LlvmToolsCache cache;
    private final Optional<Path> rustcOverride;

    public ToolchainLocator(ProcessRunner runner, Map<String, String> environment, Optional<Path> llvmDirectory) {
        this(runner, environment, llvmDirectory, Optional.empty());
    }

    /** With {@code cacheDirectory}, the LLVM found for a major version is remembered there (see LlvmToolsCache). */
    public ToolchainLocator(ProcessRunner runner, Map<String, String> environment, Optional<Path> llvmDirectory,
                            Optional<Path> cacheDirectory) {
        this.runner = runner;
        this.environment = environment;
        this.llvmDirectoryOverride = llvmDirectory.or(() -> Optional.ofNullable(environment.get("GRAFT_LLVM_DIR"))
                .filter(s -> !s.isBlank()).map(Path::of));
        this.cache = new LlvmToolsCache(cacheDirectory);
        this.rustcOverride = Optional.empty();
    }

    private ToolchainLocator(ProcessRunner runner, Map<String, String> environment, Optional<Path> llvmDirectory,
                             LlvmToolsCache cache, Optional<Path> rustc) {
        this.runner = runner;
        this.environment = environment;
        this.llvmDirectoryOverride = llvmDirectory;
        this.cache = cache;
        this.rustcOverride = rustc;
    }

    /**
     * {@code $RUSTC} when it names a rustc, never graft itself: make exports a command-line
     * {@code RUSTC="graft rustc --helpers h.bc --"} to its recipes, and cargo may be run with
     * {@code RUSTC=graft}. A value with spaces is a command line, not an executable; a program named
     * {@code graft}, or the launcher graft runs from ({@code $GRAFT_HOME/graft}), is graft.
     */
    static Optional<Path> rustcFromEnvironment(Map<String, String> environment) {
        String value = environment.getOrDefault("RUSTC", "").strip();
        if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        Path rustc = Path.of(value);
        return isGraft(rustc, environment) ? Optional.empty() : Optional.of(rustc);
    }

    /** Whether {@code program} is graft (by name, or the same file as the launcher graft runs from). */
    public static boolean isGraft(Path program, Map<String, String> environment) {
        Path name = program.getFileName();
        if (name != null && name.toString().equals("graft")) {
            return true;
        }
        Optional<Path> launcher = Optional.ofNullable(environment.get("GRAFT_HOME")).map(h -> Path.of(h, "graft"));
        try {
            return launcher.isPresent() && Files.exists(program) && Files.exists(launcher.get())
                    && Files.isSameFile(program, launcher.get());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    public Toolchain locate() throws GraftException {
        Path executable = requireRustcExecutable();
        // The sysroot says where rustc's own libLLVM is. rustup's proxy is asked for it as for -vV, and each
        // question costs a start of the proxy and one of rustc: on a first call, both are asked at once.
        Optional<Command> sysrootQuery = llvmDirectoryOverride.isEmpty() ? sysrootQuery(executable) : Optional.empty();
        List<Command> questions = new ArrayList<>(List.of(versionQuery(executable)));
        sysrootQuery.ifPresent(questions::add);
        List<CommandResult> answers = ask(executable, questions);
        Rustc rustc = rustc(executable, banner(executable, answers.getFirst()));
        int major = rustc.llvmVersion().major();
        Optional<LlvmTools> remembered = cache.load(major, llvmDirectoryOverride);
        LlvmTools llvm;
        if (remembered.isPresent()) {
            llvm = remembered.get();
        } else {
            llvm = locateLlvm(major, rustc);
            cache.store(llvm, llvmDirectoryOverride);
        }
        if (llvmDirectoryOverride.isEmpty()) {
            Optional<Path> sysroot = sysrootQuery.isPresent() ? answeredSysroot(answers.get(1))
                    : besideExecutable(executable);
            llvm = rustcsLibLlvm(rustc, sysroot).map(llvm::withLibLlvm).orElse(llvm);
        }
        return new Toolchain(rustc, llvm);
    }

    /** The same search, with rustc given (the wrapper form: cargo names the rustc it runs). */
    public ToolchainLocator withRustc(Path rustc) {
        return new ToolchainLocator(runner, environment, llvmDirectoryOverride, cache, Optional.of(rustc));
    }

    /**
     * The rustc executable graft runs: the one given ({@link #withRustc}), else {@code $GRAFT_RUSTC}, else
     * {@code $RUSTC} unless that is graft itself, else {@code rustc} on PATH (not graft), else
     * {@code ~/.cargo/bin/rustc}. {@code GRAFT_RUSTC} is for a build whose {@code RUSTC} is graft
     * ({@code graft-rustc} under make, which exports {@code RUSTC} to graft too).
     */
    public Optional<Path> rustcExecutable() {
        return rustcOverride.or(this::namedRustc).or(() -> rustcFromEnvironment(environment))
                .or(this::installedRustc);
    }

    /**
     * The same without {@code $RUSTC}, for a build whose {@code RUSTC} is graft ({@code graft-rustc}): make
     * exports its {@code RUSTC} to the commands it runs, so there it names graft, or a script leading to it.
     */
    public Optional<Path> rustcBesideGraft() {
        return rustcOverride.or(this::namedRustc).or(this::installedRustc);
    }

    private Optional<Path> namedRustc() {
        return Optional.ofNullable(environment.get(RUSTC_ENVIRONMENT)).map(String::strip).filter(s -> !s.isEmpty())
                .map(Path::of);
    }

    private Optional<Path> installedRustc() {
        return onPath("rustc", rustc -> !isGraft(rustc, environment))
                .or(() -> Optional.ofNullable(environment.get("HOME")).map(h -> Path.of(h, ".cargo", "bin", "rustc"))
                        .filter(Files::isExecutable));
    }

    /** The LLVM directory given with --llvm-dir or GRAFT_LLVM_DIR, if any. */
    public Optional<Path> llvmDirectoryOverride() {
        return llvmDirectoryOverride;
    }

    public Rustc locateRustc() throws GraftException {
        Path executable = requireRustcExecutable();
        return rustc(executable, banner(executable, ask(executable, List.of(versionQuery(executable))).getFirst()));
    }

    private Path requireRustcExecutable() throws GraftException {
        return rustcExecutable().orElseThrow(() -> GraftException.toolchain(
                "rustc not found in $GRAFT_RUSTC, $RUSTC, on PATH or in ~/.cargo/bin: "
                        + "install Rust (rustup) or set GRAFT_RUSTC"));
    }

    private static Rustc rustc(Path executable, String banner) throws GraftException {
        String release = field(banner, "release:").orElse("unknown");
        String host = field(banner, "host:").orElseThrow(() -> GraftException.toolchain(
                executable + " -vV printed no host triple: not a rustc graft understands"));
        LlvmVersion llvm = LlvmVersion.find(banner, "LLVM version:").orElseThrow(() -> GraftException.toolchain(
                executable + " does not report an LLVM version (built without LLVM?); graft needs an LLVM-based rustc"));
        return new Rustc(executable, release, host, llvm);
    }

    /**
     * {@code rustc -vV}, run as graft runs rustc ({@link NestedGraft}): a rustc that is graft again fails
     * with graft's one line, which is then this graft's, not a vaguer "could not run".
     */
    private static Command versionQuery(Path rustc) {
        return NestedGraft.marked(Command.of(rustc, "-vV").withTimeout(VERSION_TIMEOUT));
    }

    /** Runs rustc's {@code questions} at once, the first of them {@code -vV}: a rustc that cannot run is said so. */
    private List<CommandResult> ask(Path rustc, List<Command> questions) throws GraftException {
        try {
            return runner.runTogether(questions);
        } catch (CommandException e) {
            throw GraftException.toolchain("could not run " + rustc + " -vV: is it a working rustc? set "
                    + RUSTC_ENVIRONMENT + " or RUSTC to one");
        }
    }

    private static String banner(Path rustc, CommandResult result) throws GraftException {
        if (!result.succeeded()) {
            Optional<String> nested = NestedGraft.reported(result.stderr());
            if (nested.isPresent()) {
                throw GraftException.badInput(nested.get());
            }
            throw GraftException.toolchain("could not run " + rustc + " -vV: is it a working rustc? set "
                    + RUSTC_ENVIRONMENT + " or RUSTC to one");
        }
        return result.stdout();
    }

    /**
     * The libLLVM rustc itself runs on, where its sysroot ships one ({@code lib/libLLVM.so.N.M-rust-RELEASE}, as
     * rustup's toolchains do): the very LLVM that wrote the crate's bitcode, built as rustc's release builds
     * are (with profile-guided optimisation), so the in-process backend generates code as fast as rustc and
     * reads rustc's bitcode with the LLVM that wrote it. A distribution's rustc (Debian's links the system
     * libLLVM) ships none: then the LLVM installation's. An LLVM directory given with --llvm-dir or
     * GRAFT_LLVM_DIR keeps its own.
     */
    private static Optional<Path> rustcsLibLlvm(Rustc rustc, Optional<Path> sysroot) {
        if (sysroot.isEmpty()) {
            return Optional.empty();
        }
        String prefix = "libLLVM.so." + rustc.llvmVersion().major() + ".";
        try (Stream<Path> files = Files.list(sysroot.get().resolve("lib"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)
                            && f.getFileName().toString().contains("-rust-") && Files.isRegularFile(f))
                    .sorted().findFirst();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /**
     * rustc's sysroot is beside a real rustc ({@code SYSROOT/bin/rustc}); rustup's proxy must be asked, as it
     * resolves the toolchain from the environment and the working directory: the question, asked together with
     * {@code -vV}, so both answers are about the same toolchain.
     */
    private static Optional<Command> sysrootQuery(Path rustc) {
        return realName(rustc).filter(name -> name.startsWith("rustup"))
                .map(name -> NestedGraft.marked(Command.of(rustc, "--print", "sysroot").withTimeout(VERSION_TIMEOUT)));
    }

    private static Optional<Path> besideExecutable(Path rustc) {
        try {
            return Optional.ofNullable(rustc.toRealPath().getParent()).map(Path::getParent);
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> answeredSysroot(CommandResult result) {
        try {
            return result.succeeded() ? Optional.of(Path.of(result.stdout().strip())) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> realName(Path rustc) {
        try {
            return Optional.ofNullable(rustc.toRealPath().getFileName()).map(Path::toString);
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    LlvmTools locateLlvm(int major, Rustc rustc) throws GraftException {
        if (llvmDirectoryOverride.isPresent()) {
            Path dir = binDirectory(llvmDirectoryOverride.get());
            Optional<LlvmTools> tools = inspect(dir);
            if (tools.isEmpty()) {
                // Say what is wrong with the directory: a wrong version matters more than a missing clang.
                Optional<LlvmVersion> found = versionBanner(dir.resolve("llvm-link"), "--version")
                        .flatMap(b -> LlvmVersion.find(b, "LLVM version"));
                if (found.isPresent() && found.get().major() != major) {
                    throw versionMismatch(dir, found.get(), rustc);
                }
                throw GraftException.toolchain("no clang and llvm-link in " + dir + "; "
                        + InstallAdvice.installLlvm(major));
            }
            requireMajor(tools.get(), rustc);
            return tools.get();
        }
        Optional<LlvmTools> debian = matching(inspect(Path.of("/usr/lib/llvm-" + major, "bin")), major);
        if (debian.isPresent()) {
            return debian.get();
        }
        Optional<Path> configured = onPath("llvm-config-" + major)
                .flatMap(config -> versionBanner(config, "--bindir")).map(String::strip).map(Path::of);
        if (configured.isPresent()) {
            Optional<LlvmTools> tools = matching(inspect(configured.get()), major);
            if (tools.isPresent()) {
                return tools.get();
            }
        }
        throw GraftException.toolchain("rustc " + rustc.release() + " uses LLVM " + rustc.llvmVersion()
                + " but no LLVM " + major + " tools (clang, llvm-link) were found; " + InstallAdvice.installLlvm(major));
    }

    private static Optional<LlvmTools> matching(Optional<LlvmTools> tools, int major) {
        return tools.filter(t -> t.version().major() == major);
    }

    private static void requireMajor(LlvmTools tools, Rustc rustc) throws GraftException {
        if (tools.version().major() != rustc.llvmVersion().major()) {
            throw versionMismatch(tools.binDirectory(), tools.version(), rustc);
        }
    }

    private static GraftException versionMismatch(Path dir, LlvmVersion found, Rustc rustc) {
        return GraftException.toolchain("LLVM in " + dir + " is version " + found + " but rustc " + rustc.release()
                + " uses LLVM " + rustc.llvmVersion() + ": the two must share a major version (LLVM cannot read "
                + "bitcode from a newer LLVM; the kernel's RUSTC_CLANG_LLVM_COMPATIBLE asks the same); "
                + InstallAdvice.installLlvm(rustc.llvmVersion().major()));
    }

    private static Path binDirectory(Path given) {
        Path bin = given.resolve("bin");
        return Files.isDirectory(bin) ? bin : given;
    }

    /** Reads one installation; empty when clang or llvm-link is missing there or does not run. */
    private Optional<LlvmTools> inspect(Path bin) throws GraftException {
        Path clang = bin.resolve("clang");
        Path llvmLink = bin.resolve("llvm-link");
        if (!Files.isExecutable(clang) || !Files.isExecutable(llvmLink)) {
            return Optional.empty();
        }
        Optional<LlvmVersion> clangVersion = versionBanner(clang, "--version")
                .flatMap(b -> LlvmVersion.find(b, "clang version"));
        Optional<LlvmVersion> linkVersion = versionBanner(llvmLink, "--version")
                .flatMap(b -> LlvmVersion.find(b, "LLVM version"));
        if (clangVersion.isEmpty() || linkVersion.isEmpty()) {
            return Optional.empty();
        }
        if (!clangVersion.get().sameMajor(linkVersion.get())) {
            throw GraftException.toolchain(bin + " mixes LLVM versions: clang " + clangVersion.get()
                    + ", llvm-link " + linkVersion.get());
        }
        return Optional.of(new LlvmTools(bin, linkVersion.get(), clang, llvmLink,
                require(bin, "llvm-as"), require(bin, "llvm-dis"), require(bin, "llvm-nm"),
                require(bin, "llvm-objdump"), findLibLlvm(bin.getParent(), linkVersion.get())));
    }

    private static Path require(Path bin, String tool) throws GraftException {
        Path path = bin.resolve(tool);
        if (!Files.isExecutable(path)) {
            throw GraftException.toolchain(tool + " is missing from " + bin + " (the llvm package is incomplete)");
        }
        return path;
    }

    /**
     * libLLVM in the installation's {@code lib/} (apt.llvm.org's packages, Debian's llvm-N-dev), else, by
     * its versioned names only, in the system's multiarch directory when the installation is Debian's own
     * {@code /usr/lib/llvm-N}: Debian's libllvmN puts it there ({@code /usr/lib/x86_64-linux-gnu/libLLVM.so.19.1}),
     * and clang-N and llvm-N do not bring llvm-N-dev.
     */
    private static Optional<Path> findLibLlvm(Path installation, LlvmVersion version) {
        if (installation == null) {
            return Optional.empty();
        }
        List<String> versioned = List.of("libLLVM.so." + version.major() + "." + version.minor(),
                "libLLVM-" + version.major() + ".so");
        Path lib = installation.resolve("lib");
        // Only for Debian's own layout: a libLLVM there belongs to /usr/lib/llvm-N, not to an installation
        // named with --llvm-dir or GRAFT_LLVM_DIR elsewhere.
        boolean debianPackages = installation.toAbsolutePath().normalize()
                .equals(Path.of("/usr/lib/llvm-" + version.major()));
        Optional<Path> multiarch = !debianPackages ? Optional.empty() : switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> Optional.of(Path.of("/usr/lib/x86_64-linux-gnu"));
            case "aarch64" -> Optional.of(Path.of("/usr/lib/aarch64-linux-gnu"));
            default -> Optional.empty();
        };
        return Stream.concat(Stream.concat(versioned.stream(), Stream.of("libLLVM.so")).map(lib::resolve),
                        multiarch.stream().flatMap(dir -> versioned.stream().map(dir::resolve)))
                .filter(Files::isRegularFile).findFirst();
    }

    private Optional<String> versionBanner(Path tool, String flag) {
        try {
            CommandResult result = runner.run(Command.of(tool, flag).withTimeout(VERSION_TIMEOUT));
            return result.succeeded() ? Optional.of(result.stdout()) : Optional.empty();
        } catch (CommandException e) {
            return Optional.empty();
        }
    }

    private Optional<Path> onPath(String program) {
        return onPath(program, candidate -> true);
    }

    /** The first {@code program} on PATH that {@code accept}s. */
    private Optional<Path> onPath(String program, java.util.function.Predicate<Path> accept) {
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isExecutable(candidate) && accept.test(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> field(String banner, String name) {
        return banner.lines().filter(l -> l.startsWith(name)).map(l -> l.substring(name.length()).strip()).findFirst();
    }
}
