package dev.graft.server;

import dev.graft.GraftException;
import dev.graft.cli.ServerRequest;
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
 * The server's toolchain: the first one a request locates (its libLLVM stays loaded), and a memo of
 * what {@code rustc -vV} said, so a warm request does not pay a rustc start (~20 ms) to learn what it
 * learnt a moment ago. A memo entry holds only while everything the answer depends on is unchanged:
 * the rustc file itself and, for rustup's proxy, what rustup resolves a toolchain from
 * ({@code RUSTUP_TOOLCHAIN}, {@code RUSTUP_HOME}, its settings and toolchains directory, and
 * {@code rust-toolchain[.toml]} files from the working directory up), plus the LLVM tools' files.
 */
final class ServedToolchains implements ServerRequest.Toolchains {

    private static final int MEMO_LIMIT = 64;

    private final Map<List<String>, Remembered> memo = new ConcurrentHashMap<>();
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

    /** A file's identity and last change; "-" when it does not exist. */
    private static String stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.fileKey() + "@" + a.lastModifiedTime().toMillis() + ":" + a.size() + ";";
        } catch (IOException e) {
            return "-;";
        }
    }
}
