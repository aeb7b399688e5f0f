package dev.graft.cargo;

import dev.graft.ExitCode;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftProcess;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A build that names {@code graft rustc --helpers H --} as its RUSTC (Kbuild, make) also asks it what
 * rustc's version and sysroot are and builds metadata-only crates: graft passes those to rustc unchanged,
 * with rustc's own output and status, where it used to refuse them for emitting no object.
 */
class MakeFormPassThroughTest {

    @TempDir
    Path dir;

    @Test
    void versionAndPrintQueriesAndMetadataOnlyBuildsReachRustcUnchanged() throws Exception {
        Toolchain toolchain = TestToolchain.require();
        Fixtures.copyE2e(dir, List.of("helpers.c", "api.h", "no_helpers.rs"));
        assertThat(graft("helpers", "-o", "h.bc", "helpers.c", "--", "-I.").exitCode()).isZero();

        CommandResult version = graft("rustc", "--helpers", "h.bc", "--", "--version");
        assertThat(version.exitCode()).as(version.stderr()).isZero();
        assertThat(version.stdout()).isEqualTo(rustc(toolchain, "--version"));
        CommandResult sysroot = graft("rustc", "--helpers", "h.bc", "--", "--print", "sysroot");
        assertThat(sysroot.stdout()).isEqualTo(rustc(toolchain, "--print", "sysroot"));

        CommandResult metadata = graft("rustc", "--helpers", "h.bc", "--", "--crate-type=lib",
                "--emit=metadata=m.rmeta", "no_helpers.rs");
        assertThat(metadata.exitCode()).as(metadata.stderr()).isZero();
        assertThat(dir.resolve("m.rmeta")).isNotEmptyFile();

        // Kbuild builds its proc-macro crate (rust/libmacros.so) with $(RUSTC) and --emit=link too.
        Files.writeString(dir.resolve("pm.rs"), """
                extern crate proc_macro;
                #[proc_macro]
                pub fn nothing(_: proc_macro::TokenStream) -> proc_macro::TokenStream {
                    proc_macro::TokenStream::new()
                }
                """);
        CommandResult procMacro = graft("rustc", "--helpers", "h.bc", "--", "--edition=2021",
                "--crate-type=proc-macro", "--emit=dep-info=pm.d", "--emit=link=libpm.so", "pm.rs");
        assertThat(procMacro.exitCode()).as(procMacro.stderr()).isZero();
        assertThat(dir.resolve("libpm.so")).isNotEmptyFile();

        CommandResult link = graft("rustc", "--helpers", "h.bc", "--", "--crate-type=bin", "no_helpers.rs");
        assertThat(link.exitCode()).as("a link still needs --emit=obj: graft cannot inline into it").isEqualTo(ExitCode.BAD_INPUT.status());
    }

    private CommandResult graft(String... args) throws Exception {
        return ProcessRunner.quiet().run(new Command(GraftProcess.argv(args), Optional.of(dir),
                Map.of("GRAFT_CACHE_DIR", dir.resolve(".cache").toString()), Command.DEFAULT_TIMEOUT));
    }

    private String rustc(Toolchain toolchain, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(args));
        CommandResult result = ProcessRunner.quiet().run(Command.of(toolchain.rustc().executable(), argv)
                .inDirectory(dir));
        assertThat(result.exitCode()).isZero();
        return result.stdout();
    }
}
