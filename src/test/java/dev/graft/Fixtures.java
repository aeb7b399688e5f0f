package dev.graft;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Copies the small C and Rust fixtures under src/test/resources into a test's directory. */
public final class Fixtures {

    /** The checkout the tests run in (GRAFT_HOME when set), and its bundled kernel-style example. */
    public static final Path PROJECT = Path.of(System.getenv().getOrDefault("GRAFT_HOME", ".")).toAbsolutePath();
    public static final Path KERNEL_HELPERS = PROJECT.resolve("examples/kernel-helpers");

    private Fixtures() {
    }

    public static void copyE2e(Path directory, List<String> names) {
        copy(directory, "e2e", names);
    }

    /** Copies {@code names} from the resource folder {@code folder} into {@code directory}. */
    public static void copy(Path directory, String folder, List<String> names) {
        for (String name : names) {
            try (InputStream in = Fixtures.class.getResourceAsStream("/" + folder + "/" + name)) {
                if (in == null) {
                    throw new IllegalArgumentException("no fixture " + folder + "/" + name);
                }
                Files.copy(in, directory.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
