package dev.graft.toolchain;

import dev.graft.GraftException;
import dev.graft.files.AtomicOutput;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Remembers which LLVM installation serves an LLVM major version, so a build that starts graft once
 * per crate does not run {@code clang --version} and {@code llvm-link --version} every time. An
 * entry is used only while clang and llvm-link are the very files it saw (same size and mtime).
 * rustc is never cached: rustup's {@code rustc} is a proxy whose file stays the same when the
 * toolchain behind it changes, so its LLVM version is read on every run.
 *
 * <p>A properties file, not JSON: every fresh graft JVM reads it, and setting up a JSON mapper to read
 * six fields was a visible part of such a JVM's toolchain step ({@code GRAFT_TIMINGS}).
 */
final class LlvmToolsCache {

    private final Optional<Path> directory;

    LlvmToolsCache(Optional<Path> directory) {
        this.directory = directory;
    }

    private Optional<Path> file(int major, Optional<Path> explicitDirectory) {
        String name = "llvm-" + major + explicitDirectory.map(d -> "-" + Integer.toHexString(d.toString().hashCode()))
                .orElse("") + ".properties";
        return directory.map(d -> d.resolve("toolchain").resolve(name));
    }

    Optional<LlvmTools> load(int major, Optional<Path> explicitDirectory) {
        Optional<Path> file = file(major, explicitDirectory).filter(Files::isRegularFile);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try (Reader in = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
            Properties entry = new Properties();
            entry.load(in);
            Path bin = Path.of(entry.getProperty("bin"));
            LlvmVersion version = new LlvmVersion(Integer.parseInt(entry.getProperty("major")),
                    Integer.parseInt(entry.getProperty("minor")), Integer.parseInt(entry.getProperty("patch")));
            if (version.major() != major || !identities(bin).equals(List.of(entry.getProperty("clang"),
                    entry.getProperty("llvm-link")))) {
                return Optional.empty();
            }
            return Optional.of(new LlvmTools(bin, version, bin.resolve("clang"), bin.resolve("llvm-link"),
                    bin.resolve("llvm-as"), bin.resolve("llvm-dis"), bin.resolve("llvm-nm"), bin.resolve("llvm-objdump"),
                    Optional.ofNullable(entry.getProperty("libLLVM")).map(Path::of)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    void store(LlvmTools tools, Optional<Path> explicitDirectory) {
        Optional<Path> file = file(tools.version().major(), explicitDirectory);
        if (file.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(file.get().getParent());
            Properties entry = new Properties();
            entry.setProperty("bin", tools.binDirectory().toString());
            entry.setProperty("major", Integer.toString(tools.version().major()));
            entry.setProperty("minor", Integer.toString(tools.version().minor()));
            entry.setProperty("patch", Integer.toString(tools.version().patch()));
            tools.libLlvm().ifPresent(lib -> entry.setProperty("libLLVM", lib.toString()));
            List<String> identities = identities(tools.binDirectory());
            entry.setProperty("clang", identities.get(0));
            entry.setProperty("llvm-link", identities.get(1));
            StringWriter text = new StringWriter();
            entry.store(text, null);
            AtomicOutput.writeString(file.get(), text.toString());
        } catch (IOException | GraftException e) {
            // Without the cache the next run asks the tools again: slower, never wrong.
        }
    }

    /** Size and modification time of clang and llvm-link, the files whose versions were read. */
    private static List<String> identities(Path bin) throws IOException {
        return List.of(identity(bin.resolve("clang")), identity(bin.resolve("llvm-link")));
    }

    private static String identity(Path tool) throws IOException {
        Path real = tool.toRealPath();
        return real + ":" + Files.size(real) + ":" + Files.getLastModifiedTime(real).toMillis();
    }
}
