package dev.graft.cargo;

import dev.graft.rustc.RustcInvocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of cargo's rustc command lines graft passes through, decided from argv alone. */
class PassThroughRulesTest {

    /** A release-profile library crate as cargo 1.95 starts it, with extra words. */
    private static Optional<String> reason(String... extra) throws Exception {
        List<String> argv = new ArrayList<>(List.of("--crate-name", "counter", "--edition=2021", "counter/src/lib.rs",
                "--error-format=json", "--json=diagnostic-rendered-ansi,artifacts,future-incompat", "--crate-type",
                "lib", "--emit=dep-info,metadata,link", "-C", "opt-level=3", "-C", "embed-bitcode=no", "-C",
                "codegen-units=16", "-C", "metadata=9401ba67652cef4c", "-C", "extra-filename=-73e90c6b28bf63c4",
                "--out-dir", "/t/release/deps", "-L", "dependency=/t/release/deps"));
        argv.addAll(List.of(extra));
        return PassThroughRules.reason(RustcInvocation.parse(argv, Path.of("/w")));
    }

    private static Optional<String> alone(String... argv) throws Exception {
        return PassThroughRules.reason(RustcInvocation.parse(List.of(argv), Path.of("/w")));
    }

    @Test
    void releaseLibraryIsGraftsWork() throws Exception {
        assertThat(reason()).isEmpty();
        assertThat(reason("-C", "lto=off")).isEmpty();
        assertThat(reason("--crate-type", "staticlib")).isEmpty();
        assertThat(reason("--test")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-C opt-level=0| opt-level 0",
            "-Copt-level=0| opt-level 0",
            "-C lto| LTO",
            "-C lto=fat| LTO",
            "--codegen=lto=thin| LTO",
            "-C linker-plugin-lto| LTO",
            "--crate-type proc-macro| a proc-macro crate",
            "--crate-type=proc-macro| a proc-macro crate",
            "--emit=llvm-bc| already emits bitcode",
            "--emit=obj| emits an object file of its own",
            "-o x.rlib| names its output with -o",
            "-C save-temps| -C save-temps"})
    void passesThrough(String extra, String why) throws Exception {
        // Later -C words win in rustc, and --emit words add up: the extra ones change the release profile's.
        assertThat(reason(extra.strip().split(" "))).get().asString().startsWith(why.strip());
    }

    @Test
    void queriesProbesAndBuildScriptsPassThrough() throws Exception {
        assertThat(alone("-vV")).contains("a version query");
        assertThat(alone("-", "--crate-name", "___", "--print=file-names", "--crate-type", "bin"))
                .contains("a --print query");
        assertThat(alone("--crate-name", "probe", "--crate-type", "lib", "-O", "-")).get().asString()
                .startsWith("source from standard input");
        assertThat(alone("--crate-name", "build_script_build", "build.rs", "--crate-type", "bin", "-C",
                "opt-level=3")).contains("a build script");
        assertThat(alone("-O", "--crate-type", "lib")).contains("no input file");
        assertThat(alone("-O", "--crate-type", "lib", "--deny", "warnings", "--cap-lints", "allow"))
                .as("a lint option's value is not an input").contains("no input file");
        assertThat(alone("--crate-name", "c", "lib.rs", "--crate-type", "lib", "--emit=dep-info,metadata", "-C",
                "opt-level=3")).as("cargo check").contains("emits neither an object nor a link");
    }

    @Test
    void optLevelDefaultsToZeroAndDashOIsTwo() throws Exception {
        assertThat(RustcInvocation.parse(List.of("x.rs"), Path.of("/")).optLevel()).isEqualTo("0");
        assertThat(RustcInvocation.parse(List.of("-O", "x.rs"), Path.of("/")).optLevel()).isEqualTo("3");
        assertThat(RustcInvocation.parse(List.of("-O", "-Copt-level=s", "x.rs"), Path.of("/")).optLevel())
                .isEqualTo("s");
    }

    @Test
    void readsWhatTheWrapperNeeds() throws Exception {
        RustcInvocation i = RustcInvocation.parse(List.of("--crate-name", "app", "src/main.rs", "--crate-type",
                "bin", "-C", "extra-filename=-5f17", "--out-dir", "target/release/deps", "-L",
                "native=/o/build/sys-1/out", "-Ldependency=/d", "-C", "linker=clang"), Path.of("/w"));
        assertThat(i.stem()).isEqualTo("app-5f17");
        assertThat(i.outputDirectory(Path.of("/w"))).isEqualTo(Path.of("/w/target/release/deps"));
        assertThat(i.searchPaths()).containsExactly(
                new RustcInvocation.SearchPath("native", Path.of("/o/build/sys-1/out")),
                new RustcInvocation.SearchPath("dependency", Path.of("/d")));
        assertThat(i.codegen()).containsEntry("linker", "clang");
        assertThat(i.inputs()).containsExactly("src/main.rs");
    }
}
