package dev.graft.corpus;

import dev.graft.helpers.HelperFlags;
import dev.graft.testkit.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Linux 6.12 tree corpus/linux-6.12/setup prepares under GRAFT_CORPUS_DIR, and the flags it read
 * back from the configured tree. A missing tree fails the test (scripts/test prepares it): never a skip.
 */
record LinuxCorpus(Path root) {

    /** The crate with one call site per helper, in this checkout. */
    static final Path CRATE = Fixtures.PROJECT.resolve("corpus/linux-6.12/crate/lib.rs");

    static LinuxCorpus require() {
        String dir = System.getenv("GRAFT_CORPUS_DIR");
        if (dir == null || dir.isBlank()) {
            throw new AssertionError("GRAFT_CORPUS_DIR is not set: run the tests with scripts/test, which prepares "
                    + "the corpus (or run scripts/setup-corpus and export the directory it prints)");
        }
        Path root = Path.of(dir, "linux-6.12");
        if (!Files.isRegularFile(root.resolve("stamp"))) {
            throw new AssertionError("the Linux 6.12 corpus is not prepared in " + root
                    + ": run corpus/linux-6.12/setup with GRAFT_CORPUS_DIR=" + dir);
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

    /** The helper sources rust/helpers/helpers.c includes, relative to the tree. */
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
