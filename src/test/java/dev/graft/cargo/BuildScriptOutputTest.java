package dev.graft.cargo;

import dev.graft.rustc.RustcInvocation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading a build script's saved output as the cc crate writes it: Debian's 1.0.73 prints every command,
 * current releases print them only with CC_ENABLE_DEBUG_OUTPUT and say so with a rerun-if-env-changed line.
 */
class BuildScriptOutputTest {

    private static final Path FILE = Path.of("/t/target/release/build/s-1/output");

    @Test
    void readsTheCommandsAndStaticLibrariesOfDebiansCc() {
        BuildScriptOutput output = BuildScriptOutput.parse(FILE, """
                OPT_LEVEL = Some("3")
                running: "cc" "-O3" "-fPIC" "-I" "/t/out/include" "-march=x86-64-v3" "-DFAST" "-DV=\\"1 2\\"" \
                "-o" "/t/out/csrc/w.o" "-c" "csrc/w.c"
                exit status: 0
                running: ZERO_AR_DATE="1" "ar" "cq" "/t/out/libw.a" "/t/out/csrc/w.o"
                cargo:rustc-link-lib=static=w
                cargo:rustc-link-search=native=/t/out
                """);
        assertThat(output.staticLibraries()).containsExactly("w");
        assertThat(output.commands()).containsExactly(
                List.of("cc", "-O3", "-fPIC", "-I", "/t/out/include", "-march=x86-64-v3", "-DFAST", "-DV=\"1 2\"",
                        "-o", "/t/out/csrc/w.o", "-c", "csrc/w.c"),
                List.of("ar", "cq", "/t/out/libw.a", "/t/out/csrc/w.o"));
        assertThat(output.commandsWithheld()).isFalse();
        CcCompilation compilation = CcCompilation.of(output.commands().getFirst()).orElseThrow();
        assertThat(compilation.source()).isEqualTo(Path.of("csrc/w.c"));
        assertThat(compilation.object()).isEqualTo(Path.of("/t/out/csrc/w.o"));
        assertThat(compilation.flags()).containsExactly("-O3", "-fPIC", "-I", "/t/out/include", "-march=x86-64-v3",
                "-DFAST", "-DV=\"1 2\"");
        assertThat(compilation.compilesC()).isTrue();
        assertThat(CcCompilation.of(output.commands().get(1))).isEmpty();
    }

    @Test
    void readsTheCommandsCc1087PrintedAsWarnings() {
        BuildScriptOutput output = BuildScriptOutput.parse(FILE, "cargo:warning=running: \"cc\" \"-O3\" "
                + "\"-o\" \"/t/out/w.o\" \"-c\" \"w.c\"\ncargo:rustc-link-lib=static=w\n");
        assertThat(output.commands()).containsExactly(List.of("cc", "-O3", "-o", "/t/out/w.o", "-c", "w.c"));
    }

    @Test
    void knowsWhenACurrentCcWithheldItsCommands() {
        BuildScriptOutput output = BuildScriptOutput.parse(FILE, """
                cargo:rerun-if-env-changed=CC_ENABLE_DEBUG_OUTPUT
                cargo:rerun-if-env-changed=CC
                cargo::rustc-link-lib=static:+whole-archive=ring
                """);
        assertThat(output.staticLibraries()).containsExactly("ring");
        assertThat(output.commandsWithheld()).isTrue();
    }

    @Test
    void readsRustsDebugRenderingWithDirectoryEnvironmentAndEscapes() {
        assertThat(DebugCommand.words("cd \"/w\" && env -u CFLAGS CCACHE_DIR=\"/c d\" [\"/usr/bin/clang\"] "
                + "\"cc\" \"-DNAME=\\u{e9}\\t\" \"\\xff\""))
                .contains(List.of("/usr/bin/clang", "-DNAME=\u00e9\t", "\ufffd"));
        assertThat(DebugCommand.words("not a \"command")).isEmpty();
    }

    @Test
    void aCompilerWrapperBeforeTheCompilerIsNotTheSource() {
        CcCompilation wrapped = CcCompilation.of(List.of("sccache", "cc", "-O3", "-o", "/t/out/w.o", "-c", "w.c"))
                .orElseThrow();
        assertThat(wrapped.source()).isEqualTo(Path.of("w.c"));
        assertThat(wrapped.flags()).containsExactly("-O3");
    }

    @Test
    void aCrossBuildsHelpersAreCompiledForTheCratesTarget() {
        RustcInvocation cross = RustcInvocation.ofExpanded(List.of("--crate-name", "s", "--target",
                "aarch64-unknown-linux-gnu", "src/lib.rs"));
        assertThat(DiscoveredHelpers.withCrateTarget(List.of("-O3"), cross))
                .containsExactly("--target=aarch64-unknown-linux-gnu", "-O3");
        assertThat(DiscoveredHelpers.withCrateTarget(List.of("--target=aarch64-linux-gnu", "-O3"), cross))
                .as("clang as cc names it already").containsExactly("--target=aarch64-linux-gnu", "-O3");
        assertThat(DiscoveredHelpers.withCrateTarget(List.of("-O3"), RustcInvocation.ofExpanded(List.of(
                "--crate-name", "s", "src/lib.rs")))).containsExactly("-O3");
    }

    @Test
    void cxxAndAssemblyAreNotHelpers() {
        assertThat(CcCompilation.of(List.of("c++", "-O2", "-o", "x.o", "-c", "x.cpp")).orElseThrow().compilesC())
                .isFalse();
        assertThat(CcCompilation.of(List.of("cc", "-x", "c++", "-o", "x.o", "-c", "x.c")).orElseThrow().compilesC())
                .isFalse();
    }
}
