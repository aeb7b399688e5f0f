package dev.graft;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftProcess;
import dev.graft.testkit.TestToolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fatal error inside libLLVM ends graft with one line of its own, exit {@link ExitCode#LLVM_FATAL}, and
 * nothing half-written. The trigger is real: code LLVM's instruction selector cannot handle, which makes
 * it call report_fatal_error, after which it exits the process. Run in a separate JVM, as a build runs
 * graft, because that JVM does end.
 */
class FatalErrorTest {

    /**
     * An intrinsic the target cannot select without +aes: LLVM reports a fatal error ("Cannot select") from
     * code generation, the path on which it used to end graft with no word of its own.
     */
    private static final String UNSELECTABLE = """
            target triple = "x86_64-unknown-linux-gnu"

            define <2 x i64> @needs_aes(<2 x i64> %a, <2 x i64> %b) {
              %r = call <2 x i64> @llvm.x86.aesni.aesenc(<2 x i64> %a, <2 x i64> %b)
              ret <2 x i64> %r
            }
            declare <2 x i64> @llvm.x86.aesni.aesenc(<2 x i64>, <2 x i64>)
            """;

    @TempDir
    Path dir;

    @Test
    void aFatalErrorInLlvmIsOneGraftLineWithItsOwnStatusAndLeavesTheOldObject() throws Exception {
        TestToolchain.require();
        Fixtures.copy(dir, "asm", List.of("asm_helpers.c"));
        Files.writeString(dir.resolve("unselectable.ll"), UNSELECTABLE);
        Path scratch = Files.createDirectory(dir.resolve("tmp"));
        assertThat(graft(scratch, "helpers", "-o", "h.bc", "asm_helpers.c").exitCode()).isZero();
        Path object = dir.resolve("out.o");
        Files.writeString(object, "the previous object");

        CommandResult result = graft(scratch, "link", "--helpers", "h.bc", "-o", "out.o", "unselectable.ll", "--",
                "-Copt-level=2");

        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(ExitCode.LLVM_FATAL.status());
        List<String> lines = result.stderr().lines().filter(l -> !l.startsWith("Picked up JAVA_TOOL_OPTIONS"))
                .toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.getFirst()).startsWith("graft: LLVM stopped with a fatal error while generating the "
                + "object for unselectable.bc: ").contains("Cannot select: intrinsic %llvm.x86.aesni.aesenc");
        assertThat(Files.readString(object)).isEqualTo("the previous object");
        try (Stream<Path> left = Stream.concat(Files.list(dir), Files.list(scratch))) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("no temporary object and no scratch directory left behind")
                    .containsExactlyInAnyOrder("asm_helpers.c", "unselectable.ll", "h.bc", "out.o", "tmp", ".cache");
        }
    }

    private CommandResult graft(Path scratch, String... args) throws Exception {
        Map<String, String> environment = Map.of("GRAFT_CACHE_DIR", dir.resolve(".cache").toString(),
                "TMPDIR", scratch.toString(), "JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + scratch);
        return ProcessRunner.quiet().run(new Command(GraftProcess.argv(args), Optional.of(dir), environment,
                Command.DEFAULT_TIMEOUT));
    }
}
