package dev.graft.corpus;

import dev.graft.process.CommandResult;
import dev.graft.report.InliningReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/kernel.md's recipe on the 6.12 tree: one {@code graft helpers} command with Kbuild's helper flags
 * writes the built-in library and its module variant ({@code module.cflags}, -DMODULE), and a crate built
 * with the tree's module Rust flags (--cfg MODULE) is given the module variant without being told.
 * 6.12's helpers compile to the same code either way (LinuxKernelGradeTest), so the pick is what is checked.
 */
class LinuxHelperVariantsTest {

    @TempDir
    Path dir;

    @Test
    void oneCommandBuildsBothVariantsAndAModuleCrateGetsTheModuleOne() throws Exception {
        LinuxBuild build = LinuxBuild.in(dir);
        LinuxCorpus corpus = build.corpus();
        List<String> moduleCflags = corpus.moduleCflags();
        assertThat(moduleCflags).contains("-DMODULE").noneMatch(f -> f.matches(".*[\\s'\"\\\\].*"));

        CommandResult helpers = build.helpers("helpers.bc", List.of(), "--strip-debug",
                "--variant", "module=" + String.join(" ", moduleCflags));
        assertThat(helpers.stdout()).contains(dir.resolve("helpers.bc") + ": ")
                .contains(dir.resolve("helpers.module.bc") + ": ");
        assertThat(dir.resolve("helpers.module.bc")).isRegularFile();

        assertThat(corpus.moduleRustFlags()).containsSequence("--cfg", "MODULE");
        InliningReport module = build.graftRustc("inprocess", "helpers.bc", "module.o",
                build.rustFlags(corpus.moduleRustFlags()));
        assertThat(module.helpersFile()).isEqualTo(dir.resolve("helpers.module.bc").toString());
        assertThat(module.callSites().inlined()).isPositive();

        InliningReport builtin = build.graftRustc("inprocess", "helpers.bc", "builtin.o", corpus.rustFlags());
        assertThat(builtin.helpersFile()).isEqualTo(dir.resolve("helpers.bc").toString());
        assertThat(builtin.callSites()).isEqualTo(module.callSites());
        assertThat(Files.size(dir.resolve("module.o"))).isPositive();
    }
}
