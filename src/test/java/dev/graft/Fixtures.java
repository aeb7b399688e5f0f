package dev.graft;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Copies the small C and Rust fixtures under src/test/resources/e2e into a test's directory. */
public final class Fixtures {

    private Fixtures() {
    }

    public static void copyE2e(Path directory, List<String> names) {
        for (String name : names) {
            try (InputStream in = Fixtures.class.getResourceAsStream("/e2e/" + name)) {
                if (in == null) {
                    throw new IllegalArgumentException("no fixture e2e/" + name);
                }
                Files.copy(in, directory.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
