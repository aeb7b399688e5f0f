package dev.graft.corpus;

import dev.graft.helpers.HelperFlags;
import dev.graft.testkit.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A kernel tree corpus/linux-VERSION/setup prepares under GRAFT_CORPUS_DIR (6.12 unless named), and the
 * flags it read back from the configured tree. A missing tree fails the test (scripts/test prepares it):
 * never a skip.
 */
record LinuxCorpus(Path root) {

    /** 6.12's crate with one call site per helper, in this checkout (7.2's is generated: Linux72Crate). */
    static final Path CRATE = Fixtures.PROJECT.resolve("corpus/linux-6.12/crate/lib.rs");

    static LinuxCorpus require() {
        return require("linux-6.12");
    }

    static LinuxCorpus require(String name) {
        String dir = System.getenv("GRAFT_CORPUS_DIR");
        if (dir == null || dir.isBlank()) {
            throw new AssertionError("GRAFT_CORPUS_DIR is not set: run the tests with scripts/test, which prepares "
                    + "the corpus (or run scripts/setup-corpus and export the directory it prints)");
        }
        Path root = Path.of(dir, name);
        if (!Files.isRegularFile(root.resolve("stamp"))) {
            throw new AssertionError("the " + name + " corpus is not prepared in " + root
                    + ": run corpus/" + name + "/setup with GRAFT_CORPUS_DIR=" + dir);
        }
        return new LinuxCorpus(root);
    }

    /** The configured, prepared kernel source tree: graft helpers runs here, as Kbuild runs clang. */
    Path tree() {
        return root.resolve("tree");
    }

    /** Kbuild's clang command line, one flag a line: for graft helpers --cflags-file. */
    Path helperCflags() {
        return root.resolve("helpers.cflags");
    }

    List<String> cflags() {
        return flags("helpers.cflags");
    }

    /** What graft helpers compiles, relative to the tree: the files helpers.c includes, or helpers.c (7.x). */
    List<String> helperSources() {
        return lines("helpers.sources").stream().map(name -> "rust/helpers/" + name).toList();
    }

    /** KBUILD_RUSTFLAGS of the configured tree, on the installed x86_64-unknown-linux-gnu target. */
    List<String> rustFlags() {
        return flags("rustflags");
    }

    List<String> debugCflags() {
        return flags("debug.cflags");
    }

    List<String> debugRustFlags() {
        return flags("debug.rustflags");
    }

    /** KBUILD_CFLAGS_MODULE / KBUILD_RUSTFLAGS_MODULE: what a module's objects get on top. */
    List<String> moduleCflags() {
        return flags("module.cflags");
    }

    List<String> moduleRustFlags() {
        return flags("module.rustflags");
    }

    /** PAHOLE_FLAGS of a CONFIG_DEBUG_INFO_BTF build, for the installed pahole. */
    List<String> paholeFlags() {
        return flags("pahole.flags");
    }

    /** The tree's objtool, built by make prepare. */
    Path objtool() {
        return tree().resolve("tools/objtool/objtool");
    }

    /** objtool's options for built-in code (run on vmlinux.o) and for a module, as Kbuild passes them. */
    List<String> objtoolArgs(boolean module) {
        return flags(module ? "objtool.module.args" : "objtool.vmlinux.args");
    }

    /**
     * The clang command line of the tree's own helper inlining step after llvm-link (only trees with
     * CONFIG_RUST_INLINE_HELPERS, 7.x).
     */
    List<String> kernelLinkCflags() {
        return flags("kernel-link.cflags");
    }

    private List<String> flags(String name) {
        try {
            return HelperFlags.readFile(root.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> lines(String name) {
        try {
            return Files.readAllLines(root.resolve(name)).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
