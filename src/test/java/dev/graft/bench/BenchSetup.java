package dev.graft.bench;

import dev.graft.GraftException;
import dev.graft.helpers.HelperFlags;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.Toolchain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where things are and how to run them: the project checkout, the build directory, the toolchain,
 * the kernel-style C flags every variant's C is compiled with (the helpers' own, so C and Rust are
 * compared on equal terms), and the graft launcher exactly as a build calls it.
 */
record BenchSetup(Path project, Path build, Toolchain toolchain, ProcessRunner runner, List<String> cflags) {

    static BenchSetup create(Path project, Path build, Toolchain toolchain, ProcessRunner runner)
            throws IOException {
        Files.createDirectories(build);
        List<String> flags = new ArrayList<>(HelperFlags.readFile(project.resolve("examples/kernel-helpers/cflags")));
        flags.add("-I" + project.resolve("examples/kernel-helpers/include"));
        return new BenchSetup(project, build, toolchain, runner, flags);
    }

    Path helpersSource() {
        return project.resolve("examples/kernel-helpers/helpers.c");
    }

    Path workloads() {
        return project.resolve("bench/workloads/workloads.rs");
    }

    Path driver() {
        return project.resolve("bench/workloads/driver.c");
    }

    Path graft() {
        return project.resolve("graft");
    }

    Path clang() {
        return toolchain.llvm().clang();
    }

    Path rustc() {
        return toolchain.rustc().executable();
    }

    /** The rustc arguments of the workload crate, without its output. */
    List<String> rustFlags() {
        return List.of("--crate-type=lib", "--crate-name=workloads", "--edition=2021", "-Copt-level=2",
                "-Cpanic=abort", "-Ccodegen-units=1");
    }

    List<String> with(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(Arrays.asList(more));
        return all;
    }

    CommandResult run(Path program, List<String> args) throws GraftException {
        CommandResult result = runner.execute(Command.of(program, args).inDirectory(build));
        if (!result.succeeded()) {
            throw GraftException.toolFailed("benchmark step failed: " + result.command().render(),
                    result.diagnostics());
        }
        return result;
    }
}
