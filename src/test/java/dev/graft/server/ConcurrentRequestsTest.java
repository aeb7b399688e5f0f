package dev.graft.server;

import dev.graft.ExitCode;
import dev.graft.testkit.ServerHarness;
import dev.graft.process.CommandResult;
import dev.graft.testkit.GraftRun;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight requests at once through one server, each in its own directory with relative paths and its own
 * environment, against the same commands run in graft's own process: same status, same stdout and
 * stderr, same files, byte for byte.
 */
class ConcurrentRequestsTest extends ServerTestCase {


    @Test
    void eightConcurrentRequestsMatchOneShotRunsByteForByte() throws Exception {
        buildHelpers();
        ServerHarness.write(dir.resolve("broken.rs"), "pub fn oops() -> u32 { let x: u32 = \"no\"; x }\n");
        List<List<String>> requests = new ArrayList<>();
        for (String opt : List.of("0", "1", "2", "3", "s", "z")) {
            requests.add(List.of("rustc", "--helpers", "../../h.bc", "--", "--crate-type=lib", "--crate-name=khelpers_demo",
                    "--edition=2021", "-Copt-level=" + opt, "-Cpanic=abort", "--emit=obj=k.o,dep-info=k.d",
                    K.resolve("crate/lib.rs").toString()));
        }
        requests.add(List.of("rustc", "--helpers", "../../h.bc", "--", "--crate-type=lib", "--emit=obj=b.o",
                "../../broken.rs"));
        requests.add(List.of("helpers", "-o", "out.bc", "missing.c"));

        List<Outcome> oneShot = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Path work = Files.createDirectories(dir.resolve("one-shot").resolve("r" + i));
            GraftRun run = GraftRun.run(work, environment(i), requests.get(i).toArray(String[]::new));
            oneShot.add(new Outcome(run.status(), run.out(), run.err(), files(work)));
        }

        List<Future<Outcome>> served = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(requests.size())) {
            for (int i = 0; i < requests.size(); i++) {
                int n = i;
                served.add(pool.submit(() -> {
                    Path work = Files.createDirectories(dir.resolve("served").resolve("r" + n));
                    CommandResult r = server.graft(work, environment(n), requests.get(n).toArray(String[]::new));
                    return new Outcome(r.exitCode(), r.stdout(), r.stderr(), files(work));
                }));
            }
            for (int i = 0; i < requests.size(); i++) {
                Outcome expected = oneShot.get(i);
                Outcome actual = served.get(i).get();
                assertThat(actual.status()).as("status of request %d: %s", i, actual).isEqualTo(expected.status());
                assertThat(actual.out()).as("stdout of request %d", i)
                        .isEqualTo(expected.out().replace(dir.resolve("one-shot").toString(), dir.resolve("served").toString()));
                assertThat(actual.err()).as("stderr of request %d", i)
                        .isEqualTo(expected.err().replace(dir.resolve("one-shot").toString(), dir.resolve("served").toString()));
                assertThat(actual.files().keySet()).as("files of request %d", i).isEqualTo(expected.files().keySet());
                for (String name : expected.files().keySet()) {
                    assertThat(actual.files().get(name)).as("%s of request %d", name, i)
                            .isEqualTo(replace(expected.files().get(name), dir.resolve("one-shot"), dir.resolve("served")));
                }
            }
        }
        assertThat(oneShot.get(0).files()).containsKeys("k.o", "k.d");
        assertThat(oneShot.get(6).status()).isEqualTo(ExitCode.TOOL_FAILED.status());
        assertThat(oneShot.get(6).err()).contains("error[E0308]: mismatched types")
                .endsWith("graft: rustc failed with exit status 1\n");
        assertThat(oneShot.get(7).status()).isEqualTo(ExitCode.BAD_INPUT.status());
        // Each request had its own cache directory: its environment, not another request's.
        for (int i = 0; i < 6; i++) {
            assertThat(dir.resolve("cache-" + i)).exists();
        }
    }

    /** Each request its own cache directory and a variable of its own, as eight build jobs would have. */
    private Map<String, String> environment(int request) {
        return Map.of("GRAFT_CACHE_DIR", dir.resolve("cache-" + request).toString(), "REQUEST", "r" + request);
    }

    private record Outcome(int status, String out, String err, Map<String, byte[]> files) {
    }

    private static Map<String, byte[]> files(Path work) throws Exception {
        Map<String, byte[]> files = new java.util.TreeMap<>();
        try (var list = Files.list(work)) {
            for (Path p : list.toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static byte[] replace(byte[] content, Path from, Path to) {
        String text = new String(content, java.nio.charset.StandardCharsets.ISO_8859_1);
        return text.replace(from.toString(), to.toString()).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
