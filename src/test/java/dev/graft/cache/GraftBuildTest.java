package dev.graft.cache;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftProcess;
import dev.graft.testkit.TestToolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The helper cache is keyed on graft's own code: a graft whose code differs in any file never reuses an entry
 * another build wrote, with no format number to bump by hand.
 */
class GraftBuildTest {

    @TempDir
    Path dir;

    @Test
    void aJarsDigestCoversEveryEntryAndADirectorysEveryFile() throws IOException {
        Path jar = dir.resolve("graft.jar");
        writeJar(jar, Map.of("dev/graft/A.class", "a"));
        String jarBefore = GraftBuild.of(jar);
        writeJar(jar, Map.of("dev/graft/A.class", "a"));
        assertThat(GraftBuild.of(jar)).isEqualTo(jarBefore);
        writeJar(jar, Map.of("dev/graft/A.class", "b"));
        assertThat(GraftBuild.of(jar)).isNotEqualTo(jarBefore);
        writeJar(jar, Map.of("dev/graft/A.class", "a", "dev/graft/B.class", ""));
        assertThat(GraftBuild.of(jar)).isNotEqualTo(jarBefore);

        Path classes = Files.createDirectories(dir.resolve("classes/dev/graft"));
        Files.writeString(classes.resolve("A.class"), "a");
        String before = GraftBuild.of(dir.resolve("classes"));
        assertThat(GraftBuild.of(dir.resolve("classes"))).isEqualTo(before);
        Files.writeString(classes.resolve("B.class"), "b");
        assertThat(GraftBuild.of(dir.resolve("classes"))).isNotEqualTo(before);
    }

    @Test
    void aChangedGraftDoesNotReuseAnEntryAnotherBuildWrote() throws Exception {
        TestToolchain.require();
        Fixtures.copy(dir, "variants", List.of("variant.c"));
        Path classes = Path.of(GraftBuild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path copy = dir.resolve("graft-classes");
        copyTree(classes, copy);

        assertThat(helpers(classes, copy).stdout()).doesNotContain("from cache");
        assertThat(helpers(classes, copy).stdout()).contains("from cache");
        // Any change to graft's code, however small, is another build.
        Files.writeString(copy.resolve("dev/graft/changed.txt"), "a new resource");
        assertThat(helpers(classes, copy).stdout()).doesNotContain("from cache");
        assertThat(helpers(classes, copy).stdout()).contains("from cache");
    }

    /** graft helpers in a JVM of its own, running the classes in {@code copy} instead of {@code classes}. */
    private CommandResult helpers(Path classes, Path copy) throws Exception {
        List<String> argv = new ArrayList<>(GraftProcess.argv("helpers", "-o", "h.bc", "variant.c", "--", "-O2"));
        int cp = argv.indexOf("-cp") + 1;
        argv.set(cp, argv.get(cp).replace(classes.toString(), copy.toString()));
        assertThat(argv.get(cp)).contains(copy.toString());
        CommandResult result = ProcessRunner.quiet().run(new Command(argv, Optional.of(dir),
                Map.of("GRAFT_CACHE_DIR", dir.resolve("cache").toString()), Duration.ofMinutes(2)));
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return result;
    }

    private static void writeJar(Path jar, Map<String, String> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, String> entry : new TreeMap<>(entries).entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
