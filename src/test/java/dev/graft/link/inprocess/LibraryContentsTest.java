package dev.graft.link.inprocess;

import dev.graft.GraftException;
import dev.graft.helpers.HelperLibrary;
import dev.graft.process.Command;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Checked;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A helper library read by libLLVM in this process (what every in-process build now does, with no llvm-dis)
 * holds exactly what llvm-dis and graft's IR scanner read from it: helpers, signatures, linkage policy,
 * target and recorded variants; a variants record not as {@code graft helpers} writes it is refused by both.
 */
class LibraryContentsTest {

    @TempDir
    Path dir;
    private Toolchain toolchain;
    private final ProcessRunner runner = new ProcessRunner(Optional.empty());

    @BeforeEach
    void setUp() {
        toolchain = TestToolchain.require();
        Fixtures.copy(dir, "variants", List.of("variant.c"));
    }

    private HelperLibrary.Reader inProcess() {
        Optional<HelperLibrary.Reader> reader = LibraryContents.forTools(toolchain.llvm());
        assertThat(reader).as("libLLVM of " + toolchain.llvm().binDirectory()).isPresent();
        return reader.get();
    }

    @Test
    void libLlvmReadsWhatLlvmDisReads() throws Exception {
        for (String policy : List.of("linkonce_odr", "internal")) {
            GraftRun run = GraftRun.run(dir, "helpers", "-o", policy + ".bc", "--linkage", policy, "--variant",
                    "module=-DMODULE", "variant.c", "--", "-O2");
            assertThat(run.status()).as(run.toString()).isZero();
            Path library = dir.resolve(policy + ".bc");
            HelperLibrary.Contents viaDis = HelperLibrary.disassembling(toolchain.llvm(), runner).read(library);
            HelperLibrary.Contents viaLibLlvm = inProcess().read(library);
            assertThat(viaLibLlvm).as(policy).isEqualTo(viaDis);
            assertThat(viaLibLlvm.variants()).containsOnlyKeys("module");
            assertThat(viaLibLlvm.facts().helpers()).isNotEmpty();
        }
    }

    @Test
    void aVariantsRecordNotAsGraftWritesItIsRefusedBothWays() throws Exception {
        Path ir = dir.resolve("odd.ll");
        Files.writeString(ir, """
                define i32 @rust_helper_one() {
                  ret i32 1
                }
                !graft.variants = !{!0}
                !0 = !{!"module", !"not-a-digest"}
                """);
        Path library = dir.resolve("odd.bc");
        Checked.run(Command.of(toolchain.llvm().llvmAs(), ir.toString(), "-o",
                library.toString()));
        for (HelperLibrary.Reader reader : List.of(inProcess(),
                HelperLibrary.disassembling(toolchain.llvm(), runner))) {
            assertThatThrownBy(() -> reader.read(library)).isInstanceOf(GraftException.class)
                    .hasMessageContaining("is not as graft helpers writes it");
        }
    }
}
