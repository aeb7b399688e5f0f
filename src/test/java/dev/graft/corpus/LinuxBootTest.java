package dev.graft.corpus;

import dev.graft.testkit.Fixtures;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Linux 7.2 kernel built through docs/kernel.md's graft recipe (corpus/linux-boot/boot-test, in the trixie
 * root corpus/linux-boot/setup prepares), booted under QEMU: its Rust KUnit tests, the Rust minimal sample
 * and the Rust null block driver run, and no call to a helper is left in vmlinux. First a full build through
 * the warm server (later runs rebuild only what rustc made: the C objects do not depend on graft), then the
 * Rust part again with {@code GRAFT_SERVER=off}. A missing root, tree or QEMU fails the test, never skips it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LinuxBootTest {

    private static final Path BOOT_TEST = Fixtures.PROJECT.resolve("corpus/linux-boot/boot-test");
    /** A full build on two shared cores, then a boot under TCG: generous, but finite. */
    private static final long TIMEOUT_MINUTES = 50;

    @Test
    @Order(1)
    void aKernelBuiltThroughGraftsWarmServerBootsAndPassesItsRustKunitTests() throws Exception {
        assertBootedClean(bootTest(Map.of(), "--variant", "graft"));
    }

    @Test
    @Order(2)
    void itsRustPartRebuiltWithTheServerOffBootsTheSame() throws Exception {
        Map<String, String> findings = bootTest(Map.of("GRAFT_SERVER", "off"), "--variant", "graft", "--rebuild", "rust");
        assertThat(findings).containsEntry("build", "rust");
        assertBootedClean(findings);
    }

    private static void assertBootedClean(Map<String, String> findings) {
        assertThat(findings).as("boot-test's findings").containsEntry("ok", "yes")
                .containsEntry("config_dropped", "none")
                .containsEntry("objtool_lines", "0")
                .containsEntry("helper_calls", "0")
                .containsEntry("kunit_suites_failed", "0")
                .containsEntry("kunit_tests_failed", "0")
                .containsEntry("sample_minimal_lines", "1")
                .containsEntry("rnull_bytes_read", String.valueOf(16 * 4096));
        assertThat(Integer.parseInt(findings.get("kunit_suites_ok"))).isPositive();
        assertThat(Integer.parseInt(findings.get("kunit_tests_passed"))).isPositive();
        System.out.println("linux-boot 7.2 x86_64 graft: " + findings);
    }

    /** Runs boot-test; its stdout is the findings, its stderr (phases, reasons) goes to the test's log. */
    private static Map<String, String> bootTest(Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        Path stdout = Files.createTempFile("linux-boot", ".findings");
        Path stderr = Files.createTempFile("linux-boot", ".log");
        try {
            List<String> command = Stream.concat(Stream.of(BOOT_TEST.toString()), Arrays.stream(arguments)).toList();
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("boot-test did not finish in " + TIMEOUT_MINUTES + " minutes:\n"
                        + Files.readString(stderr));
            }
            String log = Files.readString(stderr);
            System.err.print(log);
            assertThat(process.exitValue()).as("%s exit status; its stderr:%n%s", command, log).isZero();
            Map<String, String> findings = new LinkedHashMap<>();
            for (String line : Files.readAllLines(stdout, StandardCharsets.UTF_8)) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    findings.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
            return findings;
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
