package dev.graft.toolchain;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.graft.GraftException;
import dev.graft.files.AtomicOutput;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Remembers which LLVM installation serves an LLVM major version, so a build that starts graft once
 * per crate does not run {@code clang --version} and {@code llvm-link --version} every time. An
 * entry is used only while clang and llvm-link are the very files it saw (same size and mtime).
 * rustc is never cached: rustup's {@code rustc} is a proxy whose file stays the same when the
 * toolchain behind it changes, so its LLVM version is read on every run.
 */
final class LlvmToolsCache {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What is stored: the tools' paths as strings, the version, and the identity of clang and llvm-link. */
    record Entry(String binDirectory, int major, int minor, int patch, String libLlvm, List<String> identities) {
    }

    private final Optional<Path> directory;

    LlvmToolsCache(Optional<Path> directory) {
        this.directory = directory;
    }

    private Optional<Path> file(int major, Optional<Path> explicitDirectory) {
        String name = "llvm-" + major + explicitDirectory.map(d -> "-" + Integer.toHexString(d.toString().hashCode()))
                .orElse("") + ".json";
        return directory.map(d -> d.resolve("toolchain").resolve(name));
    }

    Optional<LlvmTools> load(int major, Optional<Path> explicitDirectory) {
        Optional<Path> file = file(major, explicitDirectory).filter(Files::isRegularFile);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            Entry e = JSON.readValue(file.get().toFile(), Entry.class);
            Path bin = Path.of(e.binDirectory());
            if (e.major() != major || !identities(bin).equals(e.identities())) {
                return Optional.empty();
            }
            return Optional.of(new LlvmTools(bin, new LlvmVersion(e.major(), e.minor(), e.patch()), bin.resolve("clang"),
                    bin.resolve("llvm-link"), bin.resolve("llvm-as"), bin.resolve("llvm-dis"), bin.resolve("llvm-nm"),
                    bin.resolve("llvm-objdump"), Optional.ofNullable(e.libLlvm()).map(Path::of)));
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
            Entry entry = new Entry(tools.binDirectory().toString(), tools.version().major(), tools.version().minor(),
                    tools.version().patch(), tools.libLlvm().map(Path::toString).orElse(null),
                    identities(tools.binDirectory()));
            AtomicOutput.write(file.get(), out -> JSON.writeValue(out, entry));
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
