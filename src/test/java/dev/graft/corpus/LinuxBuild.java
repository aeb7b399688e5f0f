package dev.graft.corpus;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.testkit.GraftProcess;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds the corpus crate in one directory: the helpers with Kbuild's C flags (graft helpers, in the kernel
 * tree as Kbuild runs clang), the crate with the tree's Rust flags, plain or through graft. graft runs as
 * its own process, as a build runs it, so an abort would show as exit 134 instead of ending the test run.
 */
record LinuxBuild(Path dir, LinuxCorpus corpus, Path crate, Toolchain toolchain) {

    /** The 6.12 tree and its all-helpers crate. */
    static LinuxBuild in(Path dir) {
        return new LinuxBuild(dir, LinuxCorpus.require(), LinuxCorpus.CRATE, TestToolchain.require());
    }

    static LinuxBuild in(Path dir, LinuxCorpus corpus, Path crate) {
        return new LinuxBuild(dir, corpus, crate, TestToolchain.require());
    }

    /** graft helpers [options] over every helper file, with Kbuild's flags and {@code extraCflags} after '--'. */
    CommandResult helpers(String output, List<String> extraCflags, String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("helpers", "-o", dir.resolve(output).toString(),
                "--cflags-file", corpus.helperCflags().toString()));
        args.addAll(Arrays.asList(options));
        args.addAll(corpus.helperSources());
        args.add("--");
        args.addAll(extraCflags);
        return graft(corpus.tree(), args);
    }

    /** rustc alone, with the tree's Rust flags and {@code extraFlags}. */
    void plainRustc(String object, List<String> extraFlags) throws Exception {
        List<String> args = rustFlags(extraFlags);
        args.addAll(crateArgs(object));
        run(Command.of(toolchain.rustc().executable(), args).inDirectory(dir)
                .withEnvironment(Map.of("RUSTC_BOOTSTRAP", "1")));
    }

    /** The tree's Rust flags and {@code extra}. */
    List<String> rustFlags(List<String> extra) {
        List<String> flags = new ArrayList<>(corpus.rustFlags());
        flags.addAll(extra);
        return flags;
    }

    /** graft rustc with {@code helpers} and {@code rustFlags}; returns the report. */
    InliningReport graftRustc(String backend, String helpers, String object, List<String> rustFlags,
                              String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("rustc", "--backend", backend, "--helpers",
                dir.resolve(helpers).toString(), "--report", object + ".json"));
        args.addAll(Arrays.asList(options));
        args.add("--");
        args.addAll(rustFlags);
        args.addAll(crateArgs(object));
        graft(dir, args);
        return ReportJson.read(Files.readString(dir.resolve(object + ".json")));
    }

    LinuxObject disassemble(String object) throws Exception {
        return LinuxObject.parse(objdump("-dr", "--no-show-raw-insn", object), objdump("-h", object));
    }

    /** A bitcode file's textual IR. */
    String llvmDis(String bitcode) throws Exception {
        return run(Command.of(llvmTool("llvm-dis"), bitcode, "-o", "-").inDirectory(dir)).stdout();
    }

    String objdump(String... args) throws Exception {
        return run(Command.of(toolchain.llvm().llvmObjdump(), args).inDirectory(dir)).stdout();
    }

    /** A tool of the LLVM graft uses, by its unversioned name in that LLVM's bin directory. */
    Path llvmTool(String name) {
        return toolchain.llvm().llvmObjdump().resolveSibling(name);
    }

    CommandResult run(Command command) throws Exception {
        CommandResult r = ProcessRunner.quiet().run(command);
        assertThat(r.exitCode()).as(r.command().render() + "\n" + r.stderr()).isZero();
        return r;
    }

    private List<String> crateArgs(String object) {
        return List.of("--crate-type=lib", "--crate-name=linux_helpers", "--emit=obj=" + object, crate.toString());
    }

    /** objtool's findings, with Kbuild's options for a module or built-in code, on a copy (it rewrites it). */
    String objtool(String object, boolean module) throws Exception {
        Path copy = dir.resolve("objtool-" + object);
        Files.copy(dir.resolve(object), copy, StandardCopyOption.REPLACE_EXISTING);
        List<String> args = new ArrayList<>(corpus.objtoolArgs(module));
        args.add(copy.toString());
        CommandResult result = run(Command.of(corpus.objtool(), args));
        return (result.stdout() + result.stderr()).strip();
    }

    private CommandResult graft(Path workingDirectory, List<String> args) throws Exception {
        return run(new Command(GraftProcess.argv(args.toArray(String[]::new)), Optional.of(workingDirectory),
                Map.of("GRAFT_CACHE_DIR", dir.resolve(".cache").toString(), "RUSTC_BOOTSTRAP", "1"),
                Command.DEFAULT_TIMEOUT));
    }
}
