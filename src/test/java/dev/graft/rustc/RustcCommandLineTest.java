package dev.graft.rustc;

import dev.graft.ExitCode;
import dev.graft.GraftException;
import dev.graft.link.CodegenOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RustcCommandLineTest {

    private static final String HOST = "x86_64-unknown-linux-gnu";
    @TempDir
    Path cwd;

    private RustcCommandLine parse(String... argv) throws GraftException {
        return RustcCommandLine.of(RustcInvocation.parse(List.of(argv), cwd), HOST, cwd);
    }

    @Test
    void explicitObjectPathIsTheObject() throws GraftException {
        RustcCommandLine line = parse("--crate-type=lib", "--emit=dep-info=out/k.d,obj=out/k.o", "k.rs");
        assertThat(line.objectPath()).isEqualTo(Path.of("out/k.o"));
        assertThat(line.outputs()).containsEntry(EmitKind.DEP_INFO, Path.of("out/k.d"));
        assertThat(line.crateName()).isEqualTo("k");
    }

    @Test
    void singleOutputGoesToDashO() throws GraftException {
        assertThat(parse("--emit", "obj", "-o", "x/y.obj", "k.rs").objectPath()).isEqualTo(Path.of("x/y.obj"));
        assertThat(parse("--emit=obj", "-ox/z.o", "k.rs").objectPath()).isEqualTo(Path.of("x/z.o"));
    }

    @Test
    void severalOutputsShareTheStemOfDashOAsRustcDoes() throws GraftException {
        RustcCommandLine line = parse("--emit=obj,metadata,dep-info", "-o", "o1/x.o", "k.rs");
        assertThat(line.objectPath()).isEqualTo(Path.of("o1/x.o"));
        assertThat(line.outputs()).containsEntry(EmitKind.DEP_INFO, Path.of("o1/x.d"));
        assertThat(line.withBitcodeInsteadOfObject(Path.of("/tmp/c.bc"), Path.of("/scratch"), Map.of()))
                .contains("--emit=metadata=o1/libx.rmeta,dep-info=o1/x.d,llvm-bc=/tmp/c.bc", "--out-dir=/scratch")
                .doesNotContain("-o", "o1/x.o");
    }

    @Test
    void outDirAndCrateNameAndExtraFilenameNameTheObject() throws GraftException {
        RustcCommandLine line = parse("--crate-name", "my_k", "-C", "extra-filename=-abc", "--out-dir", "o2",
                "--emit=obj,dep-info", "k-x.rs");
        assertThat(line.objectPath()).isEqualTo(Path.of("o2/my_k-abc.o"));
        assertThat(line.outputs()).containsEntry(EmitKind.DEP_INFO, Path.of("o2/my_k-abc.d"));
        assertThat(parse("--emit=obj", "my-crate.rs").objectPath()).isEqualTo(Path.of("my_crate.o"));
    }

    @Test
    void everyEmitFlagIsMergedIntoOneWithExplicitPaths() throws GraftException {
        List<String> argv = parse("--emit=dep-info", "--emit", "obj=a b/ü.o", "-Copt-level=2", "--out-dir", "out",
                "k.rs").withBitcodeInsteadOfObject(Path.of("/w/k.bc"), Path.of("/w"), Map.of());
        assertThat(argv).containsExactly("-Copt-level=2", "k.rs", "--out-dir=/w", "--emit=dep-info=out/k.d,llvm-bc=/w/k.bc");
    }

    @Test
    void readsCodegenOptionsInEveryFlagSpelling() throws GraftException {
        CodegenOptions c = parse("--emit=obj", "-O", "--target", "x86_64-unknown-none", "-C", "relocation-model=static",
                "-Ccode-model=kernel", "--codegen=target-cpu=znver3", "-Ctarget-feature=-sse,+soft-float",
                "-Ctarget-feature=+retpoline-external-thunk", "-Zfunction-sections=n", "-Cllvm-args=-a -b",
                "k.rs").codegen();
        assertThat(c.triple()).isEqualTo("x86_64-unknown-none");
        assertThat(c.optLevel()).isEqualTo("3");
        assertThat(c.relocationModel()).contains("static");
        assertThat(c.codeModel()).contains("kernel");
        assertThat(c.targetCpu()).contains("znver3");
        assertThat(c.targetFeatures()).containsExactly("-sse", "+soft-float", "+retpoline-external-thunk");
        assertThat(c.functionSections()).isFalse();
        assertThat(c.llvmArgs()).containsExactly("-a", "-b");
    }

    @Test
    void rustcDefaultsAreOptLevelZeroHostTripleAndFunctionSections() throws GraftException {
        CodegenOptions c = parse("--emit=obj", "k.rs").codegen();
        assertThat(c.optLevel()).isEqualTo("0");
        assertThat(c.triple()).isEqualTo(HOST);
        assertThat(c.functionSections()).isTrue();
    }

    @Test
    void expandsResponseFiles() throws Exception {
        Files.writeString(cwd.resolve("args"), "--emit=obj=r.o\n-Copt-level=3\nk.rs\n");
        RustcCommandLine line = parse("@args");
        assertThat(line.objectPath()).isEqualTo(Path.of("r.o"));
        assertThat(line.codegen().optLevel()).isEqualTo("3");
    }

    @Test
    void refusesCommandLinesThatEmitNoObject() {
        assertThatThrownBy(() -> parse("--emit=metadata", "k.rs")).isInstanceOf(GraftException.class)
                .hasMessageContaining("emits no object")
                .satisfies(e -> assertThat(((GraftException) e).exitCode()).isEqualTo(ExitCode.BAD_INPUT));
        assertThatThrownBy(() -> parse("k.rs")).hasMessageContaining("no --emit");
        assertThatThrownBy(() -> parse("--emit=obj,link", "k.rs")).hasMessageContaining("--emit=link");
        assertThatThrownBy(() -> parse("--emit=obj=-", "k.rs")).hasMessageContaining("standard output");
        assertThatThrownBy(() -> parse("--emit=obj,bogus", "k.rs")).hasMessageContaining("unknown --emit kind");
    }

    @Test
    void bareCfgNamesAreReadInEverySpellingAndFromResponseFiles() throws Exception {
        // Kbuild passes the configuration's cfgs in a response file (include/generated/rustc_cfg).
        Files.writeString(cwd.resolve("rustc_cfg"), "--cfg=CONFIG_RUST\n--cfg=CONFIG_X86_64\n");
        assertThat(RustcInvocation.parse(List.of("--cfg", "MODULE", "@rustc_cfg", "--cfg=feature=\"std\"",
                "--cfg=kunit", "-Cfoo=--cfg", "k.rs"), cwd).cfgNames())
                .containsExactly("MODULE", "CONFIG_RUST", "CONFIG_X86_64", "kunit");
    }
}
