package dev.graft;

import dev.graft.process.Command;
import dev.graft.testkit.Checked;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The helper cache answers only when clang would compile the same bitcode: a header that appears
 * earlier on the search path, or a change to an environment variable clang reads, is a miss, and the
 * rebuilt bitcode is what clang now compiles. The environment is the command's (as a server would pass
 * a client's), not graft's own process environment.
 */
class HelperCacheStalenessTest {

    /** Which k.h clang picks decides what the helper returns; stdint.h brings system headers in. */
    private static final String SOURCE = """
            #include <stdint.h>
            #include K_HEADER
            int32_t rust_helper_k(void) { return K; }
            """;

    @TempDir
    Path dir;
    private Toolchain toolchain;

    @BeforeEach
    void setUp() throws Exception {
        toolchain = TestToolchain.require();
        Files.createDirectories(dir.resolve("src"));
        Files.createDirectories(dir.resolve("inc2"));
        Files.writeString(dir.resolve("inc2/k.h"), "#define K 2\n");
    }

    private GraftRun helpers(Map<String, String> environment, String header, String... includeFlags) throws Exception {
        Files.writeString(dir.resolve("src/k.c"), SOURCE.replace("K_HEADER", header));
        Map<String, String> env = new HashMap<>(environment);
        env.put("GRAFT_CACHE_DIR", dir.resolve(".cache").toString());
        List<String> args = new ArrayList<>(List.of("helpers", "-o", "h.bc", "src/k.c", "--", "-O2"));
        args.addAll(List.of(includeFlags));
        GraftRun run = GraftRun.run(dir, env, args.toArray(String[]::new));
        run.succeeded();
        return run;
    }

    /** The helpers' IR as llvm-dis prints it. */
    private String helperIr() throws Exception {
        return Checked.run(Command.of(toolchain.llvm().llvmDis(),
                dir.resolve("h.bc").toString(), "-o", "-")).stdout();
    }

    private static String returning(int k) {
        return "ret i32 " + k;
    }

    @Test
    void aHeaderThatAppearsInAnEarlierIncludeDirectoryIsAMiss() throws Exception {
        Files.createDirectories(dir.resolve("inc1"));
        assertThat(helpers(Map.of(), "\"k.h\"", "-Iinc1", "-Iinc2").out()).doesNotContain("from cache");
        assertThat(helperIr()).contains(returning(2));
        assertThat(helpers(Map.of(), "\"k.h\"", "-Iinc1", "-Iinc2").out()).contains("from cache");

        Files.writeString(dir.resolve("inc1/k.h"), "#define K 1\n");
        assertThat(helpers(Map.of(), "\"k.h\"", "-Iinc1", "-Iinc2").out()).doesNotContain("from cache");
        assertThat(helperIr()).contains(returning(1));
        assertThat(helpers(Map.of(), "\"k.h\"", "-Iinc1", "-Iinc2").out()).contains("from cache");
    }

    @Test
    void anIncludeDirectoryThatDidNotExistYetIsWatchedToo() throws Exception {
        assertThat(helpers(Map.of(), "<k.h>", "-Iinc1", "-Iinc2").out()).doesNotContain("from cache");
        Files.createDirectories(dir.resolve("inc1"));
        Files.writeString(dir.resolve("inc1/k.h"), "#define K 1\n");
        assertThat(helpers(Map.of(), "<k.h>", "-Iinc1", "-Iinc2").out()).doesNotContain("from cache");
        assertThat(helperIr()).contains(returning(1));
    }

    @Test
    void aHeaderBesideTheSourceShadowsTheIncludePathForQuotedIncludes() throws Exception {
        assertThat(helpers(Map.of(), "\"k.h\"", "-Iinc2").out()).doesNotContain("from cache");
        Files.writeString(dir.resolve("src/k.h"), "#define K 3\n");
        assertThat(helpers(Map.of(), "\"k.h\"", "-Iinc2").out()).doesNotContain("from cache");
        assertThat(helperIr()).contains(returning(3));
    }

    @Test
    void changingCpathIsAMissAndClangSeesTheCommandsEnvironment() throws Exception {
        Files.createDirectories(dir.resolve("inc1"));
        Files.writeString(dir.resolve("inc1/k.h"), "#define K 1\n");
        String inc1 = dir.resolve("inc1").toString();
        String inc2 = dir.resolve("inc2").toString();
        assertThat(helpers(Map.of("CPATH", inc2), "<k.h>").out()).doesNotContain("from cache");
        assertThat(helperIr()).contains(returning(2));
        assertThat(helpers(Map.of("CPATH", inc2), "<k.h>").out()).contains("from cache");

        assertThat(helpers(Map.of("CPATH", inc1 + ":" + inc2), "<k.h>").out()).doesNotContain("from cache");
        assertThat(helperIr()).contains(returning(1));
        assertThat(helpers(Map.of("C_INCLUDE_PATH", inc2), "<k.h>").out()).doesNotContain("from cache");
        assertThat(helperIr()).contains(returning(2));
    }

    @Test
    void changingSourceDateEpochIsAMiss() throws Exception {
        Files.writeString(dir.resolve("inc2/k.h"), "#define K (__DATE__[10] - '0')\n");
        assertThat(helpers(Map.of("SOURCE_DATE_EPOCH", "0"), "<k.h>", "-Iinc2").out())
                .doesNotContain("from cache");
        assertThat(helperIr()).contains(returning(0));
        long year1971 = 365L * 24 * 3600;
        assertThat(helpers(Map.of("SOURCE_DATE_EPOCH", Long.toString(year1971)), "<k.h>", "-Iinc2").out())
                .doesNotContain("from cache");
        assertThat(helperIr()).contains(returning(1));
    }
}
