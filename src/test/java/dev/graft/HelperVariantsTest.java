package dev.graft;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.testkit.Checked;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Helper variants: one {@code graft helpers} command writes the library and its {@code -DMODULE} variant,
 * and {@code graft rustc} links the variant a crate built with {@code --cfg MODULE} needs. What each
 * program prints is compared with the same C compiled by clang alone, with and without -DMODULE.
 */
class HelperVariantsTest {

    @TempDir
    Path dir;
    private Toolchain toolchain;

    @BeforeEach
    void setUp() {
        toolchain = TestToolchain.require();
        Fixtures.copy(dir, "variants", List.of("variant.c", "variant.rs", "driver.c", "reference.c"));
    }

    private GraftRun graft(String... args) {
        return GraftRun.run(dir, args);
    }

    private void buildVariants() {
        GraftRun run = graft("helpers", "-o", "h.bc", "--variant", "module=-DMODULE", "variant.c", "--", "-O2");
        assertThat(run.status()).as(run.toString()).isZero();
        assertThat(run.out()).contains("h.bc: 1 helpers").contains("h.module.bc: 1 helpers");
    }

    /** Builds the crate through graft; returns the report. */
    private InliningReport crate(String object, String... graftOptionsThenRustcFlags) throws Exception {
        List<String> args = new ArrayList<>(List.of("rustc", "--helpers", "h.bc", "--report", object + ".json"));
        args.addAll(Arrays.asList(graftOptionsThenRustcFlags));
        args.addAll(List.of("--crate-type=lib", "-O", "-Cpanic=abort", "--emit=obj=" + object, "variant.rs"));
        GraftRun run = graft(args.toArray(String[]::new));
        assertThat(run.status()).as(run.toString()).isZero();
        return ReportJson.read(Files.readString(dir.resolve(object + ".json")));
    }

    private String run(Path tool, String... args) throws Exception {
        CommandResult r = Checked.run(Command.of(tool, args).inDirectory(dir));
        return r.stdout();
    }

    /** What the program prints built from the crate's object (helpers inlined, so no helper object is linked). */
    private String program(String object) throws Exception {
        assertThat(run(toolchain.llvm().llvmObjdump(), "-dr", object)).doesNotContain("rust_helper_");
        run(toolchain.llvm().clang(), "-O2", "driver.c", object, "-o", object + ".app");
        return run(dir.resolve(object + ".app"), "5");
    }

    /** What the same program prints in C alone, the helper compiled with {@code flags}. */
    private String reference(String name, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("-O2"));
        args.addAll(Arrays.asList(flags));
        args.addAll(List.of("driver.c", "reference.c", "variant.c", "-o", name));
        run(toolchain.llvm().clang(), args.toArray(String[]::new));
        return run(dir.resolve(name), "5");
    }

    @Test
    void oneCommandWritesEachVariantWithItsOwnFlags() throws Exception {
        buildVariants();
        String plain = run(toolchain.llvm().llvmDis(), "-o", "-", "h.bc");
        String module = run(toolchain.llvm().llvmDis(), "-o", "-", "h.module.bc");
        String plainBody = plain.substring(plain.indexOf("@rust_helper_build_kind("));
        String moduleBody = module.substring(module.indexOf("@rust_helper_build_kind("));
        assertThat(moduleBody.substring(0, moduleBody.indexOf("\n}")))
                .isNotEqualTo(plainBody.substring(0, plainBody.indexOf("\n}")));
        // The same command again comes from the cache, both files.
        GraftRun again = graft("helpers", "-o", "h.bc", "--variant", "module=-DMODULE", "variant.c", "--", "-O2");
        assertThat(again.out().lines().filter(l -> l.endsWith("from cache")).count()).isEqualTo(2);
    }

    @Test
    void aCrateWithCfgModuleGetsTheModuleVariantInlined() throws Exception {
        buildVariants();
        String moduleReference = reference("ref-module", "-DMODULE");
        String plainReference = reference("ref-plain");
        assertThat(moduleReference).isNotEqualTo(plainReference);

        InliningReport module = crate("m.o", "--", "--cfg", "MODULE");
        assertThat(module.helpersFile()).isEqualTo("h.module.bc");
        assertThat(module.allInlined()).as(module.toString()).isTrue();
        assertThat(program("m.o")).isEqualTo(moduleReference);

        InliningReport joined = crate("j.o", "--", "--cfg=MODULE");
        assertThat(joined.helpersFile()).isEqualTo("h.module.bc");

        InliningReport plain = crate("p.o", "--");
        assertThat(plain.helpersFile()).isEqualTo("h.bc");
        assertThat(program("p.o")).isEqualTo(plainReference);
    }

    @Test
    void anExplicitVariantWinsOverTheCrateFlags() throws Exception {
        buildVariants();
        InliningReport chosen = crate("e.o", "--helpers-variant", "module", "--");
        assertThat(chosen.helpersFile()).isEqualTo("h.module.bc");
        assertThat(program("e.o")).isEqualTo(reference("ref-module", "-DMODULE"));
    }

    @Test
    void aMissingOrAmbiguousVariantIsOneLineAndExit2() {
        buildVariants();
        GraftRun run = graft("rustc", "--helpers", "h.bc", "--helpers-variant", "kasan", "--", "--crate-type=lib",
                "--emit=obj=k.o", "variant.rs");
        assertThat(run.status()).as(run.toString()).isEqualTo(ExitCode.BAD_INPUT.status());
        assertThat(run.err().lines().toList()).as(run.toString()).hasSize(1);
        assertThat(run.err()).startsWith("graft: ").contains("h.kasan.bc");
        assertThat(dir.resolve("k.o")).doesNotExist();

        // Two variants the crate's cfgs both name: graft does not guess.
        GraftRun second = graft("helpers", "-o", "h.bc", "--variant", "module=-DMODULE", "--variant", "kunit=-DKUNIT",
                "variant.c", "--", "-O2");
        assertThat(second.status()).as(second.toString()).isZero();
        GraftRun both = graft("rustc", "--helpers", "h.bc", "--", "--cfg", "MODULE", "--cfg=kunit",
                "--crate-type=lib", "--emit=obj=k.o", "variant.rs");
        assertThat(both.status()).as(both.toString()).isEqualTo(ExitCode.BAD_INPUT.status());
        assertThat(both.err().lines().toList()).as(both.toString()).hasSize(1);
        assertThat(both.err()).contains("h.module.bc, h.kunit.bc").contains("--helpers-variant");

        GraftRun noFlags = graft("helpers", "-o", "h2.bc", "--variant", "module", "variant.c");
        assertThat(noFlags.status()).as(noFlags.toString()).isEqualTo(ExitCode.BAD_INPUT.status());
        assertThat(noFlags.err().lines().toList()).as(noFlags.toString()).hasSize(1);
        assertThat(dir.resolve("h2.bc")).doesNotExist();
    }
}
