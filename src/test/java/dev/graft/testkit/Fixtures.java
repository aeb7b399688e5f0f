package dev.graft.testkit;

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

    /** Copies an example of the checkout (a folder under examples/) into {@code directory}, without its build output. */
    public static Path copyExample(String example, Path directory) {
        Path source = PROJECT.resolve("examples").resolve(example);
        try (java.util.stream.Stream<Path> files = Files.walk(source)) {
            for (Path file : files.filter(p -> !p.toString().contains("/target")).toList()) {
                Path target = directory.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return directory;
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
