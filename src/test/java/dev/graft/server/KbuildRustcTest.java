package dev.graft.server;

import dev.graft.ExitCode;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftProcess;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.ServerHarness;
import dev.graft.testkit.Way;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * graft-rustc as a kernel build's {@code RUSTC}, through the server and without it: the commands Linux 7.2's
 * Kconfig, rust_is_available.sh and Makefiles run with {@code $(RUSTC)}, written as the tree writes them (file
 * named at each), run with graft-rustc and with rustc itself, give the same output and status; the tree's own
 * scripts are run from the corpus tree. The build's {@code RUSTC} is one executable, and make exports it, so
 * {@code RUSTC} names graft-rustc here too, as it does under make.
 */
class KbuildRustcTest extends ServerTestCase {

    private Path tree() {
        String corpus = System.getenv("GRAFT_CORPUS_DIR");
        assertThat(corpus).as("GRAFT_CORPUS_DIR (scripts/test prepares the corpus)").isNotBlank();
        Path tree = Path.of(corpus, "linux-7.2", "tree");
        assertThat(tree.resolve("scripts/rust_is_available.sh")).as("the 7.2 corpus tree").isRegularFile();
        return tree;
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void kconfigAndTheMakefilesQueriesAnswerAsRustcDoes(Way way) throws Exception {
        Path tree = tree();
        Path graftRustc = graftRustc(way);
        String rustc = toolchain.rustc().executable().toString();
        Files.writeString(dir.resolve("empty.rs"), "");

        List<String> queries = List.of(
                // scripts/Kconfig.include: rustc-version, rustc-llvm-version (the tree's scripts).
                tree + "/scripts/rustc-version.sh \"$RUSTC\"",
                tree + "/scripts/rustc-llvm-version.sh \"$RUSTC\"",
                // scripts/Kconfig.include: rustc-option, a flag rustc takes and one it refuses.
                "rm -rf .t; mkdir .t; \"$RUSTC\" -Cforce-frame-pointers=y --crate-type=rlib /dev/null --out-dir=.t "
                        + "-o .t/tmp.rlib; echo status $?",
                "rm -rf .t; mkdir .t; \"$RUSTC\" -Cno-such-option=y --crate-type=rlib /dev/null --out-dir=.t "
                        + "-o .t/tmp.rlib 2>/dev/null; echo status $?",
                // scripts/Makefile.compiler: __rustc-option, an object to standard output from standard input.
                "echo '#![allow(missing_docs)]#![feature(no_core)]#![no_core]' | RUSTC_BOOTSTRAP=1 \"$RUSTC\" "
                        + "--sysroot=/dev/null -Copt-level=2 --crate-type=rlib --out-dir=.t --emit=obj=- - "
                        + ">/dev/null; echo status $?",
                // Makefile: RUSTC_VERSION_TEXT; rust/Makefile: rustc_sysroot, rustc_host_target, procmacro-name.
                "\"$RUSTC\" --version",
                "\"$RUSTC\" --edition=2021 --print sysroot",
                "\"$RUSTC\" --version --verbose | grep -F 'host: ' | cut -d' ' -f2",
                "\"$RUSTC\" --print file-names --crate-name macros --crate-type proc-macro - </dev/null",
                // rust/Makefile: cmd_rustc_procmacrolibrary, a host rlib for the proc macros (no object: rustc's).
                "\"$RUSTC\" --edition=2021 --emit=dep-info=.t/libempty.d --emit=link=.t/libempty.rlib --crate-type "
                        + "rlib -O --out-dir .t -L.t --crate-name empty empty.rs; echo status $?; ls .t/libempty.rlib");
        for (String query : queries) {
            CommandResult plain = shell(Map.of("RUSTC", rustc), query);
            CommandResult grafted = shell(Map.of("RUSTC", graftRustc.toString()), query);
            assertThat(grafted.stdout()).as(query + "\n" + grafted.stderr()).isEqualTo(plain.stdout()).isNotBlank();
            assertThat(grafted.exitCode()).as(query).isEqualTo(plain.exitCode());
        }

        // rust_is_available.sh: past RUSTC to the next tool (no bindgen here); a RUSTC not found fails loudly.
        Map<String, String> tools = Map.of("BINDGEN", dir.resolve("no-bindgen").toString(), "CC", "clang");
        CommandResult available = shell(with(tools, "RUSTC", graftRustc.toString()),
                tree + "/scripts/rust_is_available.sh");
        assertThat(available.stderr()).contains("Rust bindings generator '" + dir.resolve("no-bindgen")
                + "' could not be found").doesNotContain("Rust compiler");
        CommandResult missing = shell(with(tools, "RUSTC", dir.resolve("bin/graft-rustc").toString()),
                tree + "/scripts/rust_is_available.sh");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.stderr()).contains("Rust compiler '" + dir.resolve("bin/graft-rustc")
                + "' could not be found");
    }

    /**
     * An object, as rust/Makefile's cmd_rustc_library and Makefile.build's rust_common_cmd build one: the target
     * specification relative to the build directory (here the 7.2 tree's), {@code --cfg MODULE} picking the module
     * variant, every helper inlined.
     */
    @ParameterizedTest
    @EnumSource(Way.class)
    void aKernelObjectIsGraftedWithTheModuleVariantAndTheTargetSpecification(Way way) throws Exception {
        Path graftRustc = graftRustc(way);
        GraftRun.run(dir, "helpers", "-o", "h.bc", "--variant", "module=-DMODULE", "--cflags-file",
                K.resolve("cflags").toString(), K.resolve("helpers.c").toString(), "--", "-I" + K.resolve("include"))
                .succeeded();
        Files.createDirectories(dir.resolve("scripts"));
        Files.copy(tree().resolveSibling("target.json"), dir.resolve("scripts/target.json"));
        String crate = Fixtures.PROJECT.resolve("corpus/linux-7.2/target-spec-crate/lib.rs").toString();
        String command = "RUSTC_BOOTSTRAP=1 \"$RUSTC\" --edition=2021 -Copt-level=2 -Cpanic=abort -Ccode-model=kernel "
                + "-Cno-redzone=y -Crelocation-model=static -Ctarget-cpu=x86-64 --target=./scripts/target.json "
                + "--cfg MODULE "
                + "-Zunstable-options --sysroot=/dev/null --crate-type rlib --out-dir . --emit=dep-info=.k.o.d "
                + "--emit=obj=k.o --emit=metadata=libk.rmeta --crate-name k " + crate;

        CommandResult unset = shell(Map.of("RUSTC", graftRustc.toString()), command);
        assertThat(unset.exitCode()).isEqualTo(ExitCode.BAD_INPUT.status());
        assertThat(unset.stderr().lines().toList()).singleElement().asString()
                .startsWith("graft: GRAFT_HELPERS is not set: graft-rustc needs");

        CommandResult built = shell(Map.of("RUSTC", graftRustc.toString(), "GRAFT_HELPERS",
                dir.resolve("h.bc").toString(), "GRAFT_VERBOSE", "1"), command);
        assertThat(built.exitCode()).as(built.stderr()).isZero();
        assertThat(built.stderr()).contains("graft: helpers from " + dir.resolve("h.module.bc"))
                .contains("inlined 3/3 helper call sites");
        assertThat(dir.resolve("libk.rmeta")).isNotEmptyFile();
        assertThat(Files.readString(dir.resolve(".k.o.d"))).contains("k.o:").doesNotContain(".bc:");
        String symbols = ProcessRunner.quiet().run(Command.of(toolchain.llvm().llvmNm(), dir.resolve("k.o")
                .toString())).stdout();
        assertThat(symbols).contains("T kernel_err").doesNotContain("rust_helper_");
    }

    /** One executable, as a build's RUSTC must be: graft-rustc through this test's server, or in its own JVM. */
    private Path graftRustc(Way way) throws Exception {
        List<String> argv = way == Way.SERVER ? server.clientArgv("test", List.of("graft-rustc"))
                : GraftProcess.argv("graft-rustc");
        Path script = dir.resolve("graft-rustc-" + way.name().toLowerCase());
        Files.writeString(script, "#!/bin/sh\nexec " + argv.stream().map(w -> "'" + w.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" ")) + " \"$@\"\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> all = new HashMap<>(base);
        all.put(key, value);
        return all;
    }

    private CommandResult shell(Map<String, String> extra, String script) throws Exception {
        Map<String, String> env = new HashMap<>(ServerHarness.environment(dir));
        env.putAll(extra);
        return ProcessRunner.quiet().run(new Command(List.of("sh", "-c", script), Optional.of(dir), env,
                Duration.ofMinutes(2)));
    }
}
