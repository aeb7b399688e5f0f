package dev.graft.corpus;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the kernel does to an object after the compiler: objtool with the options Kbuild passes for this
 * configuration, the module variant of the helpers, and debug info (DWARF 5 verified, BTF encoded by
 * pahole), on the objects graft generates for the all-helpers crate.
 */
class LinuxKernelGradeTest {

    private static final Pattern FUNCTION = Pattern.compile("(?ms)^define [^\\n]*?@(\\w+)\\(.*?^}$");

    @TempDir
    static Path dir;
    private static LinuxBuild build;
    private static LinuxCorpus corpus;

    @BeforeAll
    static void compileTheHelpers() throws Exception {
        build = LinuxBuild.in(dir);
        corpus = build.corpus();
        build.helpers("builtin.bc", List.of());
    }

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools", "forced"})
    void objtoolFindsNothingToSayAboutGraftsObjects(String variant) throws Exception {
        String backend = variant.equals("forced") ? "inprocess" : variant;
        String[] options = variant.equals("forced") ? new String[] {"--force-inline"} : new String[0];
        InliningReport report = build.graftRustc(backend, "builtin.bc", variant + ".o", corpus.rustFlags(), options);
        assertThat(report.callSites().inlined()).isPositive();

        for (boolean module : List.of(false, true)) {
            assertThat(objtool(variant + ".o", module)).as(variant + (module ? " as a module" : " built in"))
                    .isEmpty();
        }
    }

    @Test
    void objtoolDoesCheckTheseObjects() throws Exception {
        // Without -Zfunction-return=thunk-extern the Rust callers return with a plain ret, which objtool
        // --rethunk must report: the clean runs above are not clean because objtool looked at nothing.
        List<String> flags = new ArrayList<>(corpus.rustFlags());
        assertThat(flags.remove("-Zfunction-return=thunk-extern")).isTrue();
        build.graftRustc("inprocess", "builtin.bc", "bare-returns.o", flags);
        assertThat(objtool("bare-returns.o", false)).contains("'naked' return found in MITIGATION_RETHUNK build");
    }

    @Test
    void theHelpersCompileToTheSameCodeForAModule() throws Exception {
        build.helpers("module.bc", corpus.moduleCflags());
        assertThat(corpus.moduleCflags()).contains("-DMODULE");

        Map<String, String> builtin = functions(build.llvmDis("builtin.bc"));
        Map<String, String> module = functions(build.llvmDis("module.bc"));
        assertThat(builtin).hasSizeGreaterThanOrEqualTo(31);
        assertThat(module).isEqualTo(builtin);

        build.graftRustc("inprocess", "builtin.bc", "builtin.o", corpus.rustFlags());
        build.graftRustc("inprocess", "module.bc", "module.o", build.rustFlags(corpus.moduleRustFlags()));
        assertThat(Files.readAllBytes(dir.resolve("module.o")))
                .isEqualTo(Files.readAllBytes(dir.resolve("builtin.o")));
    }

    @Test
    void helperDebugInfoVerifiesButMakesPaholeEncodeRustTypesAsBtf() throws Exception {
        build.helpers("debug.bc", corpus.debugCflags());
        InliningReport report = build.graftRustc("inprocess", "debug.bc", "debug.o",
                build.rustFlags(corpus.debugRustFlags()));
        assertThat(report.notInlined()).as("debug info changes no inlining decision")
                .extracting(InliningReport.NotInlined::callee).containsExactly("rust_helper_BUG");

        String dwarf = dwarfdump("debug.o");
        assertThat(dwarf).as("the helpers' compile units are kept").contains("DW_LANG_C11", "DW_LANG_Rust")
                .as("and say where helpers were inlined").containsPattern(
                        "DW_TAG_inlined_subroutine\\s+DW_AT_abstract_origin\\s+\\(0x[0-9a-f]+ \"rust_helper_");
        assertThat(verifyErrors("debug.o")).as("llvm-dwarfdump --verify: no error rustc's own object lacks")
                .isEqualTo(verifyErrors(plainDebugObject()));
        assertThat(objtool("debug.o", false)).isEmpty();

        // The Rust function's inlined_subroutine points into the helper's C unit (DW_FORM_ref_addr). pahole
        // takes cross-unit references for LTO output and merges the units into one with the first unit's
        // language, so --lang_exclude=rust can no longer drop the Rust unit: its types become BTF.
        assertThat(build.run(Command.of(build.llvmTool("llvm-dwarfdump"), "--debug-abbrev", "debug.o")
                .inDirectory(dir)).stdout()).contains("DW_FORM_ref_addr");
        assertThat(corpus.paholeFlags()).contains("--lang_exclude=rust");
        assertThat(btfOfVmlinuxLike("debug.o").structs()).contains("struct Refcount {");
    }

    @Test
    void withStripDebugTheObjectIsAsBtfSafeAsRustcsOwn() throws Exception {
        build.helpers("stripped.bc", corpus.debugCflags(), "--strip-debug");
        InliningReport report = build.graftRustc("inprocess", "stripped.bc", "stripped.o",
                build.rustFlags(corpus.debugRustFlags()));
        assertThat(report.notInlined()).extracting(InliningReport.NotInlined::callee)
                .containsExactly("rust_helper_BUG");

        assertThat(dwarfdump("stripped.o")).contains("DW_LANG_Rust").doesNotContain("DW_LANG_C11");
        assertThat(verifyErrors("stripped.o")).isEqualTo(verifyErrors(plainDebugObject()));
        Btf plain = btfOfVmlinuxLike(plainDebugObject());
        Btf graft = btfOfVmlinuxLike("stripped.o");
        assertThat(graft.messages()).isEqualTo(plain.messages());
        assertThat(graft.structs()).isEqualTo(plain.structs()).noneMatch(s -> s.contains("Refcount"));
        assertThat(objtool("stripped.o", false)).isEmpty();
    }

    /** The crate built by rustc alone with the same debug flags: what graft is measured against. */
    private static synchronized String plainDebugObject() throws Exception {
        if (!Files.exists(dir.resolve("plain-debug.o"))) {
            build.plainRustc("plain-debug.o", corpus.debugRustFlags());
        }
        return "plain-debug.o";
    }

    /** What pahole said, and the struct types it encoded. */
    private record Btf(Set<String> messages, Set<String> structs) {
    }

    /**
     * pahole -J with the kernel's PAHOLE_FLAGS, as link-vmlinux.sh runs it, on {@code object} linked (ld -r)
     * after a kernel C object with debug info (lib/ctype.c with Kbuild's flags), as in vmlinux.o.
     */
    private static Btf btfOfVmlinuxLike(String object) throws Exception {
        Path ctype = dir.resolve("ctype-debug.o");
        if (!Files.exists(ctype)) {
            List<String> args = new ArrayList<>(corpus.cflags());
            args.addAll(corpus.debugCflags());
            args.addAll(List.of("-c", "lib/ctype.c", "-o", ctype.toString()));
            build.run(Command.of(build.llvmTool("clang"), args).inDirectory(corpus.tree()));
        }
        Path linked = dir.resolve("vmlinux-" + object);
        build.run(Command.of(build.llvmTool("ld.lld"), "-r", ctype.toString(), object, "-o", linked.toString())
                .inDirectory(dir));
        List<String> args = new ArrayList<>(List.of("-J"));
        args.addAll(corpus.paholeFlags());
        args.add(linked.toString());
        CommandResult result = build.run(Command.of(Path.of("/usr/bin/pahole"), args)
                .withEnvironment(Map.of("LLVM_OBJCOPY", build.llvmTool("llvm-objcopy").toString())));
        assertThat(build.objdump("-h", linked.toString())).contains(".BTF");
        String types = build.run(Command.of(Path.of("/usr/bin/pahole"), "-F", "btf", linked.toString())).stdout();
        return new Btf(Stream.concat(result.stdout().lines(), result.stderr().lines()).collect(Collectors.toSet()),
                types.lines().filter(l -> l.startsWith("struct ")).collect(Collectors.toSet()));
    }

    private static String dwarfdump(String object) throws Exception {
        return build.run(Command.of(build.llvmTool("llvm-dwarfdump"), object).inDirectory(dir)).stdout();
    }

    private static String objtool(String object, boolean module) throws Exception {
        return build.objtool(object, module);
    }

    /** llvm-dwarfdump --verify's error lines, offsets left out. */
    private static Set<String> verifyErrors(String object) throws Exception {
        CommandResult result = ProcessRunner.quiet().run(
                Command.of(build.llvmTool("llvm-dwarfdump"), "--verify", object).inDirectory(dir));
        return (result.stdout() + result.stderr()).lines().filter(l -> l.startsWith("error:"))
                .map(l -> l.replaceAll("0x[0-9a-f]+", "0x")).collect(Collectors.toSet());
    }

    /** Function definitions by name, without the !srcloc numbers (source offsets of inline assembly). */
    private static Map<String, String> functions(String ir) {
        Map<String, String> functions = new TreeMap<>();
        Matcher m = FUNCTION.matcher(ir);
        while (m.find()) {
            functions.put(m.group(1), m.group().replaceAll(", !srcloc ![0-9]+", ""));
        }
        return functions;
    }
}
