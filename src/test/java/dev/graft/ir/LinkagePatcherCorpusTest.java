package dev.graft.ir;

import dev.graft.cache.Sha256;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patcher on real clang-22 output (generated here, never committed): every result must be
 * accepted by llvm-as of the same version, and every definition must end with the linkage the
 * documented rules give it.
 */
class LinkagePatcherCorpusTest {

    private static final List<String> HELPERS = List.of("uses_all", "sum_varargs", "in_section", "hidden_vis",
            "graft odd name", "aliased_target", "counter", "greeting", "make_pair", "calls_declared",
            "alias_of_target");

    @TempDir
    Path dir;
    private final Toolchain toolchain = TestToolchain.require();

    private String clangIr(String source, String... flags) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/ir/" + source)) {
            Files.copy(in, dir.resolve(source), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> args = new java.util.ArrayList<>(List.of(flags));
        args.addAll(List.of("-S", "-emit-llvm", "-o", "-", dir.resolve(source).toString()));
        return check(Command.of(toolchain.llvm().clang(), args)).stdout();
    }

    /** Assembles and disassembles the patched text: LLVM's own verdict, and its own reading of linkages. */
    private IrModuleScan assembleAndReadBack(String ir) throws Exception {
        Path ll = dir.resolve("patched.ll");
        Files.writeString(ll, ir);
        check(Command.of(toolchain.llvm().llvmAs(), ll.toString(), "-o", dir.resolve("patched.bc").toString()));
        return IrModuleScan.of(check(Command.of(toolchain.llvm().llvmDis(), dir.resolve("patched.bc").toString(),
                "-o", "-")).stdout());
    }

    private static CommandResult check(Command command) throws Exception {
        CommandResult result = ProcessRunner.quiet().run(command);
        assertThat(result.exitCode()).as(command.render() + "\n" + result.stderr()).isZero();
        return result;
    }

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({"LINKONCE_ODR, -O2", "INTERNAL, -O2", "LINKONCE_ODR, -O0 -g", "INTERNAL, -O0 -g",
            "LINKONCE_ODR, -O2 -ffunction-sections -fdata-sections", "INTERNAL, -Os -fPIC",
            "LINKONCE_ODR, -O2 -Xclang -disable-llvm-passes", "INTERNAL, -O2 -Xclang -disable-llvm-passes"})
    void patchesEveryHelperAndLeavesEverythingElseAsTheRulesSay(LinkagePolicy policy, String flags) throws Exception {
        String ir = clangIr("definitions.c", flags.split(" "));
        PatchResult result = LinkagePatcher.patch(ir, policy);

        assertThat(result.patched()).containsExactlyInAnyOrderElementsOf(HELPERS);
        assertThat(result.skipped()).extracting(SkippedDefinition::name).containsExactly("weak_helper");
        assertThat(result.externalGlobals()).isEmpty();
        assertThat(result.staticVariables()).containsExactly("counter.calls");
        assertThat(result.aliases()).isEmpty();
        assertThat(result.constructors()).isEmpty();

        Map<String, Linkage> linkages = assembleAndReadBack(result.irText()).definitions().stream()
                .collect(Collectors.toMap(FunctionDefinition::name, FunctionDefinition::linkage));
        HELPERS.forEach(h -> assertThat(linkages).containsEntry(h, policy.linkage()));
        assertThat(linkages).containsEntry("weak_helper", Linkage.WEAK);
        assertThat(linkages).containsEntry("hidden_static", Linkage.INTERNAL);
        if (flags.contains("-disable-llvm-passes")) {
            // LLVM's pipeline drops available_externally bodies; clang emits them before it runs.
            assertThat(linkages).containsEntry("gnu_extern_inline", Linkage.AVAILABLE_EXTERNALLY);
        }
        assertThat(result.irText()).contains("section \".text.graft_special\"")
                .contains("@alias_of_target(").doesNotContain("@alias_of_target = ")
                .contains("define @not_a_function(); ; not a comment");
    }

    @Test
    void changesNothingButTheHeadersOfHelpers() throws Exception {
        String ir = clangIr("definitions.c", "-O2");
        String patched = LinkagePatcher.patch(ir, LinkagePolicy.LINKONCE_ODR).irText();
        // The alias becomes a helper of its own, a wrapper of four lines (HelperAliasTest).
        List<String> before = ir.lines().filter(l -> !l.startsWith("@alias_of_target = ")).toList();
        List<String> after = new ArrayList<>(patched.lines().toList());
        int wrapper = after.indexOf(after.stream().filter(l -> l.contains("@alias_of_target(")).findFirst()
                .orElseThrow());
        after.subList(wrapper, wrapper + 4).clear();
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                assertThat(after.get(i)).isEqualTo(before.get(i).replaceFirst("^define ", "define linkonce_odr "));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-O2", "-O0"})
    void dataKeptWithUsedIsCarriedWhenACopyCannotMatterAndRefusedWhenItIsState(String optimization)
            throws Exception {
        PatchResult kept = LinkagePatcher.patch(clangIr("used_data.c", optimization), LinkagePolicy.LINKONCE_ODR);
        assertThat(kept.patched()).containsExactly("rust_helper_read_key");
        assertThat(kept.externalGlobals()).isEmpty();
        assertThat(kept.staticVariables()).isEmpty();
        assertThat(kept.warnings()).hasSize(2);
        assertThat(kept.warnings().getFirst()).startsWith("static variables of static functions (a header's "
                + "static inline, usually) go into every crate object").endsWith(": @init_object.object_key");
        assertThat(kept.warnings().getLast())
                .startsWith("unreferenced data kept with __attribute__((used)) go into every crate object")
                .contains("@modinfo_import (.modinfo)", "@read_key.addressable_key (.discard.addressable)");

        PatchResult state = LinkagePatcher.patch(clangIr("used_data.c", optimization, "-DWITH_USED_STATE"),
                LinkagePolicy.LINKONCE_ODR);
        assertThat(state.staticVariables()).containsExactly("used_state");
        assertThat(state.externalGlobals()).isEmpty();
    }

    @Test
    void aFileScopeStaticRenamedByLlvmLinkIsStillAStaticVariable() throws Exception {
        // Two helper files each with 'static int counter': llvm-link names the second @counter.1.
        Path a = dir.resolve("a.c");
        Path b = dir.resolve("b.c");
        Files.writeString(a, "static int counter; int rust_helper_a(void) { return ++counter; }\n");
        Files.writeString(b, "static int counter; int rust_helper_b(void) { return ++counter; }\n");
        List<String> modules = new java.util.ArrayList<>();
        for (Path c : List.of(a, b)) {
            Path ll = dir.resolve(c.getFileName() + ".ll");
            check(Command.of(toolchain.llvm().clang(), "-O2", "-S", "-emit-llvm", "-o", ll.toString(), c.toString()));
            modules.add(ll.toString());
        }
        modules.addAll(List.of("-S", "-o", "-"));
        String linked = check(Command.of(toolchain.llvm().llvmLink(), modules)).stdout();
        assertThat(linked).contains("@counter.1 = internal unnamed_addr global");

        PatchResult result = LinkagePatcher.patch(linked, LinkagePolicy.LINKONCE_ODR);
        assertThat(result.staticVariables()).containsExactlyInAnyOrder("counter", "counter.1");
        assertThat(result.warnings()).noneMatch(w -> w.contains("static variables of static functions"));
    }

    @Test
    void aConstantWhoseAddressAHelperGivesAwayBecomesOneCopyPerProgram() throws Exception {
        Path source = dir.resolve("tables.c");
        Files.writeString(source, """
                static const int table[4] = {2, 3, 5, 7};
                static const int odd[2] __asm__("odd \\"name\\"") = {1, 2};
                static const int weights[4] = {1, 10, 100, 1000};
                const int *rust_helper_table(void) { return table; }
                const int *rust_helper_odd(void) { return odd; }
                int rust_helper_weight(int i) { return weights[i & 3]; }
                const char *rust_helper_name(void) { return "name"; }
                """);
        for (String optimization : List.of("-O0", "-O2")) {
            String ir = check(Command.of(toolchain.llvm().clang(), optimization, "-S", "-emit-llvm", "-o", "-",
                    source.toString())).stdout();
            String patched = LinkagePatcher.patch(ir, LinkagePolicy.LINKONCE_ODR).irText();
            String prefix = "graft." + new Sha256().add(ir).hex().substring(0, 16) + ".";
            assertThat(patched).as(optimization)
                    .contains("@" + prefix + "table = linkonce_odr hidden constant [4 x i32]")
                    .contains("$" + prefix + "table = comdat any")
                    .contains("ret ptr @" + prefix + "table")
                    .contains("@\"" + prefix + "odd \\22name\\22\" = linkonce_odr hidden constant")
                    .doesNotContain("@table")
                    // A string literal's address means nothing (unnamed_addr): still a copy per crate.
                    .containsPattern("@\\.str = private unnamed_addr constant");
            IrModuleScan back = assembleAndReadBack(patched);
            assertThat(back.globals()).filteredOn(g -> g.name().equals(prefix + "table")).singleElement()
                    .satisfies(g -> assertThat(g.linkage()).isEqualTo(Linkage.LINKONCE_ODR));
        }
    }

    @Test
    void internalizingLinkedHelpersLeavesTheSharedConstantsShared() throws Exception {
        String ir = """
                $graft.0123456789abcdef.table = comdat any
                @graft.0123456789abcdef.table = linkonce_odr hidden constant [1 x i32] [i32 7], comdat
                define linkonce_odr hidden ptr @rust_helper_table() {
                  ret ptr @graft.0123456789abcdef.table
                }
                define void @crate_function() {
                  ret void
                }
                """;
        IrModuleScan back = assembleAndReadBack(LinkagePatcher.internalize(ir, Set.of("rust_helper_table")));
        assertThat(back.definition("rust_helper_table").orElseThrow().linkage()).isEqualTo(Linkage.INTERNAL);
        assertThat(back.definition("crate_function").orElseThrow().linkage()).isEqualTo(Linkage.EXTERNAL);
        assertThat(back.globals()).singleElement().satisfies(g -> assertThat(g.linkage())
                .isEqualTo(Linkage.LINKONCE_ODR));
    }

    @Test
    void reportsExternalGlobalVariableDefinitions() throws Exception {
        PatchResult result = LinkagePatcher.patch(clangIr("globals.c", "-O2"), LinkagePolicy.LINKONCE_ODR);
        assertThat(result.externalGlobals()).containsExactlyInAnyOrder("global_counter", "lookup_table");
        assertThat(result.staticVariables()).containsExactly("private_state");
        assertThat(result.patched()).containsExactly("read_all");
    }

    @Test
    void internalHelpersLoseHiddenVisibilityAndKeepTheirComdat() throws Exception {
        String ir = """
                $h = comdat any
                define hidden dllexport void @h() comdat {
                  ret void
                }
                """;
        String patched = LinkagePatcher.patch(ir, LinkagePolicy.INTERNAL).irText();
        assertThat(patched).contains("define internal void @h() comdat {");
        assertThat(assembleAndReadBack(patched).definition("h").orElseThrow().linkage()).isEqualTo(Linkage.INTERNAL);
        assertThat(assembleAndReadBack(LinkagePatcher.patch(ir.replace("dllexport ", ""),
                LinkagePolicy.LINKONCE_ODR).irText()).definition("h").orElseThrow().linkage())
                .isEqualTo(Linkage.LINKONCE_ODR);
    }
}
