package dev.graft.server;

import dev.graft.GraftException;
import dev.graft.cli.ServerRequest;
import dev.graft.helpers.HelperLibrary;
import dev.graft.toolchain.Toolchain;
import dev.graft.toolchain.ToolchainLocator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the server remembers across requests, so a warm request does not pay again to learn what a
 * request learnt a moment ago:
 * <ul>
 * <li>its toolchain: the first one a request locates (its libLLVM stays loaded), and what
 * {@code rustc -vV} said (a rustc start, ~20 ms), while everything the answer depends on is unchanged:
 * the rustc file itself and, for rustup's proxy, what rustup resolves a toolchain from
 * ({@code RUSTUP_TOOLCHAIN}, {@code RUSTUP_HOME}, its settings and toolchains directory, and
 * {@code rust-toolchain[.toml]} files from the working directory up), plus the LLVM tools' files;</li>
 * <li>helper libraries read (an {@code llvm-dis} run each), while the file is the same file, of the
 * same size and modification time ({@code graft helpers} replaces it by renaming a new file over it).</li>
 * </ul>
 */
final class ServerMemo implements ServerRequest.Memo {

    private static final int MEMO_LIMIT = 64;

    private final Map<List<String>, Remembered> memo = new ConcurrentHashMap<>();
    private final Map<List<String>, HelperLibrary> libraries = new ConcurrentHashMap<>();
    private String served;

    private record Remembered(Toolchain toolchain, List<String> llvmFiles) {
    }

    @Override
    public Toolchain locate(ToolchainLocator locator, Map<String, String> environment, Path workingDirectory)
            throws GraftException {
        Optional<List<String>> key = key(locator, environment, workingDirectory);
        Remembered known = key.map(memo::get).orElse(null);
        Toolchain toolchain;
        if (known != null && known.llvmFiles().equals(llvmFiles(known.toolchain()))) {
            toolchain = known.toolchain();
        } else {
            toolchain = locator.locate();
            if (key.isPresent()) {
                if (memo.size() >= MEMO_LIMIT) {
                    memo.clear();
                }
                memo.put(key.get(), new Remembered(toolchain, llvmFiles(toolchain)));
            }
        }
        if (!serves(toolchain)) {
            throw new ServerRequest.OtherToolchain(toolchain);
        }
        return toolchain;
    }

    @Override
    public HelperLibrary helperLibrary(Path file, Toolchain toolchain, ServerRequest.Reader<HelperLibrary> reader)
            throws GraftException {
        List<String> key = List.of(file.toAbsolutePath().normalize().toString(), stamp(file), toolchain.fingerprint());
        HelperLibrary known = libraries.get(key);
        if (known != null) {
            return known;
        }
        HelperLibrary library = reader.read();
        if (libraries.size() >= MEMO_LIMIT) {
            libraries.clear();
        }
        if (key.get(1).equals(stamp(file))) { // not rewritten while it was read
            libraries.put(key, library);
        }
        return library;
    }

    synchronized boolean serves(Toolchain toolchain) {
        if (served == null) {
            served = toolchain.fingerprint();
        }
        return served.equals(toolchain.fingerprint());
    }

    synchronized Optional<String> served() {
        return Optional.ofNullable(served);
    }

    /** Everything the located toolchain depends on, or empty when that cannot be told (then rustc is asked). */
    private static Optional<List<String>> key(ToolchainLocator locator, Map<String, String> environment,
                                              Path workingDirectory) {
        Optional<Path> rustc = locator.rustcExecutable();
        if (rustc.isEmpty() || !rustc.get().isAbsolute()) {
            return Optional.empty();
        }
        try {
            List<String> key = new ArrayList<>();
            key.add(rustc.get().toString());
            key.add(locator.llvmDirectoryOverride().map(Path::toString).orElse(""));
            Path real = rustc.get().toRealPath();
            key.add(real + " " + stamp(real));
            if (real.getFileName().toString().startsWith("rustup")) {
                Path home = Path.of(environment.getOrDefault("RUSTUP_HOME",
                        environment.getOrDefault("HOME", "/") + "/.rustup"));
                key.add(environment.getOrDefault("RUSTUP_TOOLCHAIN", ""));
                key.add(home + " " + stamp(home.resolve("settings.toml")) + " " + stamp(home.resolve("toolchains")));
                key.add(workingDirectory.toString());
                for (Path d = workingDirectory; d != null; d = d.getParent()) {
                    key.add(stamp(d.resolve("rust-toolchain")) + stamp(d.resolve("rust-toolchain.toml")));
                }
            }
            return Optional.of(List.copyOf(key));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static List<String> llvmFiles(Toolchain toolchain) {
        return List.of(stamp(toolchain.llvm().clang()), stamp(toolchain.llvm().llvmLink()));
    }

    /** A file's identity and last change (to the nanosecond where the file system keeps it); "-" when it does not exist. */
    private static String stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.fileKey() + "@" + a.lastModifiedTime().toInstant() + ":" + a.size() + ";";
        } catch (IOException e) {
            return "-;";
        }
    }
}
