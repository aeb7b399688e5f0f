package dev.graft.ir;

import dev.graft.process.Command;
import dev.graft.testkit.Checked;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** External aliases become wrappers LLVM accepts, with their aliasee's type and ABI attributes. */
class HelperAliasTest {

    @TempDir
    Path dir;
    private final Toolchain toolchain = TestToolchain.require();

    private String run(Command command) throws Exception {
        return Checked.run(command.inDirectory(dir)).stdout();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-O2", "-O0 -g", "-O2 -g -fPIC"})
    void everyAliasOfAFunctionOfItsTypeBecomesAWrapperLlvmVerifies(String flags) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/ir/aliases.c")) {
            Files.copy(in, dir.resolve("aliases.c"));
        }
        List<String> args = new ArrayList<>(List.of(flags.split(" ")));
        args.addAll(List.of("-S", "-emit-llvm", "-o", "-", "aliases.c"));
        PatchResult result = LinkagePatcher.patch(run(Command.of(toolchain.llvm().clang(), args)),
                LinkagePolicy.LINKONCE_ODR);

        assertThat(result.patched()).contains("small_alias", "store_alias", "add_all_alias", "make_alias");
        assertThat(result.aliases()).containsExactly("mistyped (an alias of other_type)");
        String ir = result.irText();
        if (flags.contains("-O0")) {
            // (At -O2 clang itself gives the static aliasee the alias's name.)
            assertThat(ir).containsPattern("define linkonce_odr zeroext i1 @small_alias\\(i1 noundef zeroext %\\w+, "
                    + "ptr noundef byval \\( %struct.triple \\) align 8 %\\w+\\)")
                    .containsPattern("call i1 @is_small\\(i1 noundef zeroext %\\w+, ptr noundef byval");
        }
        assertThat(ir)
                .containsPattern("musttail call i32 \\(i32, \\.\\.\\.\\) @add_all\\(i32 noundef %\\w+, \\.\\.\\.\\)")
                .containsPattern("call void @store\\(")
                .containsPattern("@make_alias\\(ptr [a-z_ ]*sret");

        // LLVM's verdict, with the wrappers in place of the aliases (the mistyped one is left for the refusal).
        Path ll = dir.resolve("patched.ll");
        Files.writeString(ll, ir);
        run(Command.of(toolchain.llvm().llvmAs(), ll.toString(), "-o", dir.resolve("patched.bc").toString()));
        IrModuleScan back = IrModuleScan.of(run(Command.of(toolchain.llvm().llvmDis(),
                dir.resolve("patched.bc").toString(), "-o", "-")));
        for (String wrapper : List.of("small_alias", "store_alias", "add_all_alias", "make_alias")) {
            assertThat(back.definition(wrapper)).as(wrapper).get()
                    .extracting(FunctionDefinition::linkage).isEqualTo(Linkage.LINKONCE_ODR);
        }
    }
}
