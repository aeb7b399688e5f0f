package dev.graft.corpus;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The DPDK corpus as corpus/dpdk/setup prepared it: the generated wrappers, DPDK's clang flags and the
 * libraries the program links. scripts/test runs the setup before the tests; a test class run alone runs it
 * here (it is idempotent), so a missing DPDK fails the test with the setup's own message, never skips it.
 */
record DpdkCorpus(Path wrappers, List<String> cflags, List<String> libs, Path crate, Path cSource, Path cMain) {

    static final Path SOURCE = Fixtures.PROJECT.resolve("corpus/dpdk");

    static DpdkCorpus require() throws Exception {
        Path dir = corpusDirectory();
        CommandResult setup = ProcessRunner.quiet().run(new Command(List.of(SOURCE.resolve("setup").toString()),
                Optional.empty(), Map.of("GRAFT_CORPUS_DIR", dir.toString()), Duration.ofMinutes(10)));
        if (setup.exitCode() != 0) {
            throw new AssertionError("corpus/dpdk/setup failed:\n" + setup.stderr());
        }
        Path out = dir.resolve("dpdk");
        return new DpdkCorpus(out.resolve("wrappers.c"), words(out.resolve("cflags")), words(out.resolve("libs")),
                SOURCE.resolve("crate"), SOURCE.resolve("c/dpdk_calls.c"), SOURCE.resolve("c/main.c"));
    }

    private static Path corpusDirectory() {
        String set = System.getenv("GRAFT_CORPUS_DIR");
        if (set != null && !set.isBlank()) {
            return Path.of(set);
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        return root ? Path.of("/var/cache/graft-corpus") : Path.of(System.getProperty("user.home"), ".cache/graft-corpus");
    }

    private static List<String> words(Path file) throws Exception {
        return Arrays.stream(Files.readString(file).strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }
}
