package dev.graft.corpus;

import dev.graft.process.Command;
import dev.graft.report.InliningReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Linux 7.2, the first tree that inlines its Rust helpers itself (CONFIG_RUST_INLINE_HELPERS: every helper
 * {@code __always_inline}, {@code llvm-link --internalize} into the Rust bitcode, then clang; a second
 * helper bitcode compiled with -DMODULE for modules), against graft doing the same job: one
 * {@code graft helpers} over {@code rust/helpers/helpers.c} with Kbuild's flags and a module variant, and
 * a crate calling every helper Rust can declare from IR types ({@link HelperCallsCrate}).
 */
class Linux72InlineHelpersTest {

    private static final Pattern STATIC_CALL_KEY = Pattern.compile("@(__SCK__\\w+)");
    private static final Pattern HELPER_CALL = Pattern.compile("R_X86_64_PLT32\\s+(rust_helper_\\w+)");

    @TempDir
    static Path dir;
    private static LinuxBuild build;
    private static LinuxCorpus corpus;
    private static HelperCallsCrate crate;
    /** The static-call keys (__SCK__*) the built-in helpers reference and the module helpers do not. */
    private static Set<String> onlyBuiltinKeys;

    @BeforeAll
    static void compileTheHelpersAndGenerateTheCrate() throws Exception {
        corpus = LinuxCorpus.require("linux-7.2");
        build = LinuxBuild.in(dir, corpus, dir.resolve("lib.rs"));
        build.helpers("helpers.bc", List.of(), "--strip-debug",
                "--variant", "module=" + String.join(" ", corpus.moduleCflags()));
        String builtin = build.llvmDis("helpers.bc");
        crate = HelperCallsCrate.of(builtin, "Linux 7.2's rust/helpers");
        Files.writeString(dir.resolve("lib.rs"), crate.source());
        onlyBuiltinKeys = TextMatches.firstGroups(STATIC_CALL_KEY, builtin);
        onlyBuiltinKeys.removeAll(TextMatches.firstGroups(STATIC_CALL_KEY, build.llvmDis("helpers.module.bc")));
    }

    private static List<String> moduleRustFlags() {
        return build.rustFlags(corpus.moduleRustFlags());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"built-in", "module"})
    void everyHelperIsInlinedAndObjtoolHasNothingToSay(String kind) throws Exception {
        boolean module = kind.equals("module");
        String object = kind + ".o";
        InliningReport report = build.graftRustc("inprocess", "helpers.bc", object,
                module ? moduleRustFlags() : corpus.rustFlags());

        System.out.printf("linux-7.2 rust/helpers, %s, inprocess backend: inlined %d/%d helper call sites%s%n", kind,
                report.callSites().inlined(), report.callSites().total(), crate.omitted().isEmpty() ? ""
                        : " (not called, an aggregate by value: " + crate.omitted().keySet() + ")");
        assertThat(report.helpersFile()).isEqualTo(dir.resolve(module ? "helpers.module.bc" : "helpers.bc").toString());
        assertThat(crate.helpers()).hasSizeGreaterThan(300);
        assertThat(report.callSites().total()).isEqualTo(crate.helpers().size());
        assertThat(report.callSites().inlined()).as(report.toString()).isEqualTo(crate.helpers().size());
        assertThat(helperCallsLeft(object)).isEmpty();
        assertThat(build.objtool(object, module)).as("objtool " + String.join(" ", corpus.objtoolArgs(module)))
                .isEmpty();
        // objtool --static-call records each inlined static call: built-in code against its key, which only
        // the built-in helpers keep addressable (.discard.addressable) so it is in the object's symbol table;
        // module code against the exported trampoline.
        Set<String> sites = new TreeSet<>(relocationTargets("objtool-" + object, ".rela.static_call_sites"));
        sites.remove(".text");   // each site's other relocation: the call's address
        if (module) {
            assertThat(sites).isNotEmpty().allMatch(s -> s.startsWith("__SCT__"));
        } else {
            assertThat(sites).isEqualTo(onlyBuiltinKeys);
        }
    }

    @Test
    void aModuleBuiltWithTheBuiltInHelpersWouldNeedStaticCallKeysTheKernelDoesNotExport() throws Exception {
        Set<String> onlyBuiltin = onlyBuiltinKeys;
        assertThat(onlyBuiltin).as("static-call keys only the built-in helpers keep addressable").isNotEmpty();
        // The tree exports those static calls to modules through their trampolines only (__SCT__*).
        Map<String, Set<String>> exports = staticCallExports();
        for (String key : onlyBuiltin) {
            String name = key.substring("__SCK__".length());
            assertThat(exports.getOrDefault(name, Set.of())).as(name).isNotEmpty()
                    .allMatch(macro -> macro.startsWith("EXPORT_STATIC_CALL_TRAMP"));
        }

        Files.copy(dir.resolve("helpers.bc"), dir.resolve("builtin-only.bc"));
        InliningReport wrong = build.graftRustc("inprocess", "builtin-only.bc", "module-with-builtin.o",
                moduleRustFlags());
        InliningReport right = build.graftRustc("inprocess", "helpers.bc", "module-right.o", moduleRustFlags());
        assertThat(wrong.helpersFile()).endsWith("builtin-only.bc");
        assertThat(right.helpersFile()).endsWith("helpers.module.bc");

        assertThat(undefined("module-with-builtin.o")).containsAll(onlyBuiltin);
        assertThat(undefined("module-right.o")).doesNotContainAnyElementsOf(onlyBuiltin);
    }

    @Test
    void theModuleVariantsModinfoIsTheModulesOwn() throws Exception {
        InliningReport builtin = build.graftRustc("inprocess", "helpers.bc", "modinfo-builtin.o", corpus.rustFlags());
        InliningReport module = build.graftRustc("inprocess", "helpers.bc", "modinfo-module.o", moduleRustFlags());
        assertThat(builtin.callSites().inlined()).isPositive();
        assertThat(module.callSites().inlined()).isPositive();

        // MODULE_INFO prefixes KBUILD_MODNAME for built-in code (the kernel's built-in modinfo), not in a module.
        List<String> builtinInfo = modinfo("modinfo-builtin.o");
        List<String> moduleInfo = modinfo("modinfo-module.o");
        assertThat(builtinInfo).isNotEmpty().allMatch(s -> s.startsWith("helpers."));
        assertThat(moduleInfo).isEqualTo(builtinInfo.stream().map(s -> s.substring("helpers.".length())).toList());
    }

    @Test
    void graftLeavesNoHelperCallTheTreesOwnPipelineInlines() throws Exception {
        // The tree's own steps (rust/Makefile cmd_rust_helper, scripts/Makefile.build cmd_rustc_o_rs).
        List<String> helperArgs = new ArrayList<>(corpus.cflags());
        helperArgs.addAll(List.of("-c", "-g0", "rust/helpers/helpers.c", "-emit-llvm", "-o",
                dir.resolve("kernel-helpers.bc").toString()));
        build.run(Command.of(build.toolchain().llvm().clang(), helperArgs).inDirectory(corpus.tree()));
        List<String> rustc = new ArrayList<>(corpus.rustFlags());
        rustc.addAll(List.of("--crate-type=lib", "--crate-name=linux_helpers", "--emit=llvm-bc=kernel-crate.bc",
                dir.resolve("lib.rs").toString()));
        build.run(Command.of(build.toolchain().rustc().executable(), rustc).inDirectory(dir)
                .withEnvironment(Map.of("RUSTC_BOOTSTRAP", "1")));
        build.run(Command.of(build.llvmTool("llvm-link"), "--internalize", "--suppress-warnings", "kernel-crate.bc",
                "kernel-helpers.bc", "-o", "kernel-crate.m.bc").inDirectory(dir));
        List<String> clang = new ArrayList<>(corpus.kernelLinkCflags());
        clang.addAll(List.of("-c", "kernel-crate.m.bc", "-o", "kernel.o"));
        build.run(Command.of(build.toolchain().llvm().clang(), clang).inDirectory(dir));

        InliningReport graft = build.graftRustc("inprocess", "helpers.bc", "graft.o", corpus.rustFlags());
        InliningReport tools = build.graftRustc("tools", "helpers.bc", "graft-tools.o", corpus.rustFlags());
        System.out.printf("linux-7.2 rust/helpers: helper calls left of %d: the tree's own pipeline %d, graft %d, "
                + "graft's tools backend %d%n", crate.helpers().size(), helperCallsLeft("kernel.o").size(),
                helperCallsLeft("graft.o").size(), helperCallsLeft("graft-tools.o").size());
        assertThat(graft.callSites().inlined()).isEqualTo(crate.helpers().size());
        assertThat(tools.callSites().inlined()).isEqualTo(crate.helpers().size() - helperCallsLeft("graft-tools.o").size());
        assertThat(helperCallsLeft("graft.o")).isSubsetOf(helperCallsLeft("kernel.o")).isEmpty();
        assertThat(build.objtool("kernel.o", false)).as("objtool on the tree's own object").isEmpty();
    }

    private static Set<String> helperCallsLeft(String object) throws Exception {
        return TextMatches.firstGroups(HELPER_CALL, build.objdump("-dr", object));
    }

    /** The symbols the relocations of one relocation section name, as llvm-readelf -r prints them. */
    private static Set<String> relocationTargets(String object, String section) throws Exception {
        Set<String> targets = new TreeSet<>();
        boolean inSection = false;
        for (String line : build.run(Command.of(build.llvmTool("llvm-readelf"), "-r", object).inDirectory(dir))
                .stdout().lines().toList()) {
            if (line.startsWith("Relocation section ")) {
                inSection = line.startsWith("Relocation section '" + section + "'");
            } else if (inSection && line.matches("^[0-9a-f]{16}\\s.*")) {
                String[] fields = line.strip().split("\\s+");
                targets.add(fields[4]);
            }
        }
        return targets;
    }

    private static Set<String> undefined(String object) throws Exception {
        return new TreeSet<>(build.run(Command.of(build.llvmTool("llvm-nm"), "--undefined-only", "--format=just-symbols",
                object).inDirectory(dir)).stdout().lines().map(String::strip).toList());
    }

    /** The NUL-separated strings of the object's .modinfo section. */
    private static List<String> modinfo(String object) throws Exception {
        Path section = dir.resolve(object + ".modinfo");
        build.run(Command.of(build.llvmTool("llvm-objcopy"), "--dump-section", ".modinfo=" + section, object,
                dir.resolve(object + ".scratch").toString()).inDirectory(dir));
        return List.of(Files.readString(section).split("\0")).stream().filter(s -> !s.isEmpty()).toList();
    }

    private static final Pattern STATIC_CALL_EXPORT = Pattern.compile("(EXPORT_STATIC_CALL\\w*)\\((\\w+)\\)");

    /** How the C files under kernel/ and arch/x86/ of the tree export each static call: name to macros. */
    private static Map<String, Set<String>> staticCallExports() throws Exception {
        Map<String, Set<String>> exports = new TreeMap<>();
        for (String top : List.of("kernel", "arch/x86")) {
            try (Stream<Path> files = Files.walk(corpus.tree().resolve(top))) {
                for (Path c : files.filter(p -> p.toString().endsWith(".c")).toList()) {
                    Matcher m = STATIC_CALL_EXPORT.matcher(Files.readString(c, StandardCharsets.ISO_8859_1));
                    while (m.find()) {
                        exports.computeIfAbsent(m.group(2), k -> new TreeSet<>()).add(m.group(1));
                    }
                }
            }
        }
        return exports;
    }
}
