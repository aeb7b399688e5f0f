package dev.graft.ir;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Checked;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random mutations of real clang IR: the patcher either patches or throws {@link IrParseException},
 * never anything else; and whenever llvm-as accepts a mutated module, it accepts the patched one too.
 * The seed is fixed so a failure reproduces; GRAFT_FUZZ_SEED and GRAFT_FUZZ_CASES explore further.
 */
class LinkagePatcherFuzzTest {

    private static final String PUNCTUATION = "{}()[]<>\"@%!;,=#$*:\n \\c";

    @TempDir
    Path dir;
    private final Toolchain toolchain = TestToolchain.require();

    @Test
    void mutatedIrIsPatchedOrRejectedCleanlyAndValidInputStaysValid() throws Exception {
        long seed = Long.parseLong(System.getenv().getOrDefault("GRAFT_FUZZ_SEED", "20261124"));
        int cases = Integer.parseInt(System.getenv().getOrDefault("GRAFT_FUZZ_CASES", "160"));
        String original = corpus();
        Random random = new Random(seed);
        int rejected = 0;
        int validInputs = 0;
        for (int n = 0; n < cases; n++) {
            String mutated = mutate(original, random);
            PatchResult result;
            try {
                result = LinkagePatcher.patch(mutated, n % 2 == 0 ? LinkagePolicy.LINKONCE_ODR : LinkagePolicy.INTERNAL);
            } catch (IrParseException e) {
                rejected++;
                continue;
            } catch (RuntimeException e) {
                Files.writeString(dir.resolve("crash.ll"), mutated);
                throw new AssertionError("case " + n + " (seed " + seed + ") crashed the patcher; input kept in "
                        + dir.resolve("crash.ll"), e);
            }
            if (assembles(mutated, "input.ll")) {
                validInputs++;
                if (!assembles(result.irText(), "patched.ll")) {
                    fail("case " + n + " (seed " + seed + "): llvm-as accepts the input but not the patched text:\n"
                            + result.irText());
                }
            }
        }
        // The mutations must exercise both paths, or this test proves nothing.
        assertThat(rejected).as("mutations the lexer rejected").isPositive();
        assertThat(validInputs).as("mutations that were still valid IR").isPositive();
    }

    private String corpus() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/ir/definitions.c")) {
            Files.copy(in, dir.resolve("definitions.c"));
        }
        CommandResult ir = Checked.run(Command.of(toolchain.llvm().clang(), "-O1", "-S",
                "-emit-llvm", "-o", "-", dir.resolve("definitions.c").toString()));
        return ir.stdout();
    }

    private boolean assembles(String ir, String name) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, ir);
        return ProcessRunner.quiet().run(Command.of(toolchain.llvm().llvmAs(), file.toString(), "-o",
                "/dev/null")).succeeded();
    }

    /** One to three edits: delete a span, insert punctuation, duplicate or drop or swap lines. */
    private static String mutate(String text, Random random) {
        String result = text;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            List<String> lines = new ArrayList<>(List.of(result.split("\n", -1)));
            int at = random.nextInt(Math.max(result.length(), 1));
            switch (random.nextInt(5)) {
                case 0 -> result = result.substring(0, at)
                        + result.substring(Math.min(result.length(), at + 1 + random.nextInt(12)));
                case 1 -> result = result.substring(0, at) + PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length()))
                        + result.substring(at);
                case 2 -> {
                    int line = random.nextInt(lines.size());
                    lines.add(line, lines.get(random.nextInt(lines.size())));
                    result = String.join("\n", lines);
                }
                case 3 -> {
                    lines.remove(random.nextInt(lines.size()));
                    result = String.join("\n", lines);
                }
                default -> {
                    int a = random.nextInt(lines.size());
                    int b = random.nextInt(lines.size());
                    String t = lines.get(a);
                    lines.set(a, lines.get(b));
                    lines.set(b, t);
                    result = String.join("\n", lines);
                }
            }
        }
        return result;
    }
}
