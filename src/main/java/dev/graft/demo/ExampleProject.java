package dev.graft.demo;

import dev.graft.GraftException;
import dev.graft.helpers.HelperFlags;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of the bundled example: helper C sources, their flags, the Rust crate, and the C driver
 * that checks every Rust result against the same loop written in C on the inline API (exit 1 if not).
 */
record ExampleProject(Path root, Path helpersSource, Path includeDirectory, List<String> cflags, Path crateSource,
                      String crateName, Path driverSource) {

    static final String CRATE_NAME = "khelpers_demo";
    static final int ITERATIONS = 1000;

    static ExampleProject load(Path examples) throws GraftException {
        Path root = examples.resolve("kernel-helpers");
        Path helpers = root.resolve("helpers.c");
        if (!Files.isRegularFile(helpers)) {
            throw GraftException.badInput("the bundled example is not at " + root
                    + " (run graft from its checkout, or pass --examples DIR)");
        }
        try {
            return new ExampleProject(root, helpers, root.resolve("include"), HelperFlags.readFile(root.resolve("cflags")),
                    root.resolve("crate").resolve("lib.rs"), CRATE_NAME, root.resolve("main.c"));
        } catch (IOException e) {
            throw GraftException.io("cannot read the bundled example in " + root, e);
        }
    }

    /** The kernel build's C flags for the helpers (kernel-cflags beside helpers.c). */
    List<String> kernelCflags() throws GraftException {
        try {
            return HelperFlags.readFile(root.resolve("kernel-cflags"));
        } catch (IOException e) {
            throw GraftException.io("cannot read " + root.resolve("kernel-cflags"), e);
        }
    }

    /** The crate's rustc command line with the kernel's flags. */
    List<String> kernelRustcArgs(Path object) {
        List<String> args = new ArrayList<>(List.of("--crate-type=lib", "--crate-name=" + crateName, "--edition=2021"));
        args.addAll(KernelFlags.RUST);
        args.addAll(List.of("--emit=obj=" + object, crateSource.toString()));
        return args;
    }

    /** The rustc command line a build system would run for the crate, emitting its object to {@code object}. */
    List<String> rustcArgs(Path object) {
        return List.of("--crate-type=lib", "--crate-name=" + crateName, "--edition=2021", "-Copt-level=2",
                "-Cpanic=abort", "-Ccodegen-units=1", "--emit=obj=" + object, crateSource.toString());
    }
}
