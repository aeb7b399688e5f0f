package dev.graft.server;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.Way;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A helper's {@code static const} table whose address the helper gives away is one object per program, as in
 * the C program that links the helpers once: two crates inlining the helper see one address, with either
 * backend and either linkage policy, through the server and in graft's own JVM. A constant whose address means
 * nothing (clang's {@code unnamed_addr}) may still be copied.
 */
class SharedConstantTest extends BothWaysTestCase {

    @BeforeEach
    void copyFixture() {
        Fixtures.copy(dir, "shared-constant", List.of("table.c", "a.rs", "b.rs", "driver.c"));
    }

    private String run(Path tool, String... args) throws Exception {
        return dev.graft.testkit.Checked.run(Command.of(tool, args).inDirectory(dir)).stdout();
    }

    /** What the driver prints linked with {@code objects}. */
    private String program(String name, String... objects) throws Exception {
        List<String> args = new ArrayList<>(List.of("-O2", "driver.c"));
        args.addAll(List.of(objects));
        args.addAll(List.of("-o", name));
        run(toolchain.llvm().clang(), args.toArray(String[]::new));
        return run(dir.resolve(name));
    }

    private void crate(Way way, String backend, String source, String object) throws Exception {
        CommandResult built = graft(way, "rustc", "--helpers", "h.bc", "--backend", backend, "--",
                "--crate-type=lib", "-O", "-Cpanic=abort", "--emit=obj=" + object, source);
        assertThat(built.exitCode()).as(built.stderr()).isZero();
        assertThat(run(toolchain.llvm().llvmObjdump(), "-dr", object)).doesNotContain("rust_helper_");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void twoCratesInliningAHelperSeeOneCopyOfItsTable(Way way) throws Exception {
        run(toolchain.rustc().executable(), "--crate-type=lib", "-O", "-Cpanic=abort", "--emit=obj=a.plain.o", "a.rs");
        run(toolchain.rustc().executable(), "--crate-type=lib", "-O", "-Cpanic=abort", "--emit=obj=b.plain.o", "b.rs");
        run(toolchain.llvm().clang(), "-O2", "-c", "table.c", "-o", "table.o");
        String plain = program("plain", "a.plain.o", "b.plain.o", "table.o");
        assertThat(plain).startsWith("same table: 1, third entry: 5, weights: 100 1000");

        for (String linkage : List.of("linkonce_odr", "internal")) {
            CommandResult helpers = graft(way, "helpers", "--linkage", linkage, "-o", "h.bc", "table.c", "--", "-O2");
            assertThat(helpers.exitCode()).as(helpers.stderr()).isZero();
            for (String backend : List.of("inprocess", "tools")) {
                String tag = linkage + "-" + backend;
                crate(way, backend, "a.rs", "a." + tag + ".o");
                crate(way, backend, "b.rs", "b." + tag + ".o");
                assertThat(program(tag, "a." + tag + ".o", "b." + tag + ".o")).as(tag).isEqualTo(plain);
            }
        }
    }
}
