package dev.graft.job;

import dev.graft.GraftException;
import dev.graft.files.FileStamp;
import dev.graft.helpers.HelperLibrary;
import dev.graft.session.Memo;
import dev.graft.session.ServedElsewhere;
import dev.graft.toolchain.Toolchain;
import dev.graft.toolchain.ToolchainLocator;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a long-lived JVM (a warm server) keeps in its session's {@link Memo}, so a warm request does
 * not pay again to learn what a request learnt a moment ago:
 * <ul>
 * <li>its toolchain: the first one a request locates (its libLLVM stays loaded), and what
 * {@code rustc -vV} said (a rustc start, ~20 ms), while everything the answer depends on is unchanged:
 * the rustc file itself and, for rustup's proxy, what rustup resolves a toolchain from
 * ({@code RUSTUP_TOOLCHAIN}, {@code RUSTUP_HOME}, its settings and toolchains directory, and
 * {@code rust-toolchain[.toml]} files from the working directory up), plus the LLVM tools' files;</li>
 * <li>helper libraries read, while the file is the same file, of the same size and modification time
 * ({@code graft helpers} replaces it by renaming a new file over it).</li>
 * </ul>
 */
public final class WarmFacts {

    private WarmFacts() {
    }

    /** What {@code memo} holds of a located toolchain, with the LLVM tools' stamps it was located with. */
    private record Remembered(Toolchain toolchain, List<String> llvmFiles) {
    }

    /**
     * The toolchain {@code locator} would find for a command in {@code workingDirectory}, without asking
     * rustc again when nothing it depends on changed.
     *
     * @throws ServedElsewhere it is not the toolchain this JVM serves (it has another's libLLVM loaded)
     */
    public static Toolchain locate(Memo memo, ToolchainLocator locator, Map<String, String> environment,
                            Path workingDirectory) throws GraftException {
        Optional<List<String>> key = key(locator, environment, workingDirectory);
        Remembered known = key.flatMap(k -> memo.recall(k, Remembered.class)).orElse(null);
        Toolchain toolchain;
        if (known != null && known.llvmFiles().equals(llvmFiles(known.toolchain()))) {
            toolchain = known.toolchain();
        } else {
            toolchain = locator.locate();
            key.ifPresent(k -> memo.keep(k, new Remembered(toolchain, llvmFiles(toolchain))));
        }
        String served = memo.keepFirst(Memo.SERVED_TOOLCHAIN, toolchain.fingerprint(), String.class);
        if (!served.equals(toolchain.fingerprint())) {
            throw new ServedElsewhere(toolchain.fingerprint());
        }
        return toolchain;
    }

    /** The helper library in {@code file} as {@code reader} reads it, remembered while the file is unchanged. */
    public static HelperLibrary helperLibrary(Memo memo, Path file, Toolchain toolchain, Reader reader)
            throws GraftException {
        List<String> key = List.of("helpers", file.toAbsolutePath().normalize().toString(), stamp(file),
                toolchain.fingerprint());
        Optional<HelperLibrary> known = memo.recall(key, HelperLibrary.class);
        if (known.isPresent()) {
            return known.get();
        }
        HelperLibrary library = reader.read();
        if (key.get(2).equals(stamp(file))) { // not rewritten while it was read
            memo.keep(key, library);
        }
        return library;
    }

    /** Reads a helper library the memo does not hold. */
    public interface Reader {
        HelperLibrary read() throws GraftException;
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
        return FileStamp.of(file, LinkOption.NOFOLLOW_LINKS).map(FileStamp::toString).orElse("-") + ";";
    }
}
