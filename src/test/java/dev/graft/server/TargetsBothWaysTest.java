package dev.graft.server;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.report.Reconciliation;
import dev.graft.report.ReportJson;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.Workbench;
import dev.graft.testkit.Way;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 24's behaviours as a user's shell runs graft, both ways (through the warm server, and in a JVM of its
 * own): an adapted declaration inlines, an unadaptable one builds and says so in one line on stderr; helpers
 * for another CPU inline as their caller, and the setting comes from the command's environment; a helper whose
 * address the crate takes is no call left out of line; {@code GRAFT_FORCE_INLINE=1} reaches Kbuild's graft-rustc.
 */
class TargetsBothWaysTest extends BothWaysTestCase {

    @ParameterizedTest
    @EnumSource(Way.class)
    void anAdaptedDeclarationInlinesAndAnUnadaptableOneIsOneLineOnTheBuildsOutput(Way way) throws Exception {
        Fixtures.copyE2e(dir, List.of("helpers.c", "api.h", "wrong_signature.rs"));
        Fixtures.copy(dir, "targets", List.of("refcount.c", "refcount.rs"));
        GraftRun.run(dir, "helpers", "-o", "x86.bc", "helpers.c", "--", "-O2", "-I.").succeeded();
        GraftRun.run(dir, "helpers", "-o", "arm.bc", "refcount.c", "--", "-O2", "--target=aarch64-linux-gnu",
                "-mgeneral-regs-only").succeeded();

        CommandResult adapted = graft(way, dir, Map.of("RUSTC_BOOTSTRAP", "1"), "rustc", "--helpers", "arm.bc",
                "--report", "k.json", "--", "--crate-type=lib", "-O", "--target=aarch64-unknown-none-softfloat",
                "--emit=obj=k.o", "refcount.rs");
        assertThat(adapted.exitCode()).as(adapted.stderr()).isZero();
        assertThat(adapted.stderr()).doesNotContain("graft");
        InliningReport report = ReportJson.read(Files.readString(dir.resolve("k.json")));
        assertThat(report.callSites().total()).isEqualTo(6);
        assertThat(report.callSites().inlined()).isEqualTo(6);

        CommandResult left = graft(way, "rustc", "--helpers", "x86.bc", "--", "--crate-type=lib", "-O",
                "--emit=obj=w.o", "wrong_signature.rs");
        assertThat(left.exitCode()).as(left.stderr()).isZero();
        assertThat(left.stderr().lines().filter(l -> l.contains("graft")).toList()).singleElement().asString()
                .startsWith("graft: warning: wrong_signature: 1 of 1 helper call site left out of line; first: "
                        + "rust_helper_add in twice: the crate declares rust_helper_add as i64 (i64)");
        assertThat(dir.resolve("w.o")).exists();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void foreignCpuHelpersInlineAsTheirCallerAndTheSettingComesFromTheEnvironment(Way way) throws Exception {
        Fixtures.copy(dir, "targets", List.of("cpu.c", "cpu.rs"));
        GraftRun.run(dir, "helpers", "-o", "cpu.bc", "cpu.c", "--", "-O2", "-march=znver4").succeeded();

        assertThat(graftLine(lib(way, Map.of(), "cpu.bc", "p", "cpu.rs")))
                .startsWith("graft: warning: cpu: 2 of 3 helper call sites left out of line");
        assertThat(ReportJson.read(Files.readString(dir.resolve("p.json"))).notInlined())
                .extracting(InliningReport.NotInlined::callee).doesNotContain("rust_helper_mix");

        CommandResult all = lib(way, Map.of("GRAFT_CALLER_FEATURES_FROM_HELPERS", "1"), "cpu.bc", "r", "cpu.rs");
        assertThat(all.stderr()).doesNotContain("graft");
        assertThat(ReportJson.read(Files.readString(dir.resolve("r.json"))).callSites().inlined()).isEqualTo(3);
    }

    /**
     * Linux 7.2's {@code Region::drop} on arm64 made every kernel build print "kernel: 8 of 607 helper call sites
     * left out of line": its two helpers' addresses ({@code adrp}/{@code add}, two relocations each) were counted
     * as calls. They are no call sites (the crate's bitcode has none there), nothing is printed, and the direct
     * call beside them inlines, with both backends.
     */
    @ParameterizedTest
    @EnumSource(Way.class)
    void aHelperWhoseAddressIsTakenIsNoCallLeftOutOfLine(Way way) throws Exception {
        Fixtures.copy(dir, "targets", List.of("release.c", "release.rs"));
        GraftRun.run(dir, "helpers", "-o", "arm.bc", "release.c", "--", "-O2", "--target=aarch64-linux-gnu",
                "-mgeneral-regs-only").succeeded();
        for (String backend : List.of("inprocess", "tools")) {
            CommandResult built = graft(way, dir, Map.of("RUSTC_BOOTSTRAP", "1"), "rustc", "--backend", backend,
                    "--helpers", "arm.bc", "--report", backend + ".json", "--", "--crate-type=lib", "-O",
                    "--target=aarch64-unknown-none-softfloat", "--emit=obj=" + backend + ".o", "release.rs");
            assertThat(built.exitCode()).as(built.stderr()).isZero();
            assertThat(built.stderr()).as(backend).doesNotContain("graft");
            InliningReport report = ReportJson.read(Files.readString(dir.resolve(backend + ".json")));
            assertThat(report.callSites().total()).as(backend).isEqualTo(1);
            assertThat(report.callSites().inlined()).as(backend).isEqualTo(1);
            assertThat(report.notInlined()).as(backend).isEmpty();
            // The addresses are still there: the copies they need stay in the object.
            assertThat(report.helperSymbolsInObject()).as(backend)
                    .containsExactlyInAnyOrder("rust_helper_release_mem_region", "rust_helper_release_region");
            String relocations = new Workbench(dir).objdump("-r", dir.resolve(backend + ".o").toString());
            assertThat(relocations).as(backend).containsPattern("ADR_PREL_PG_HI21 +rust_helper_release_region")
                    .containsPattern("ADR_PREL_PG_HI21 +rust_helper_release_mem_region")
                    .doesNotContainPattern("(CALL26|JUMP26) +rust_helper_");
        }
    }

    /**
     * Linux 6.12 through graft left 197 of the plain build's 227 helper calls: its x86_64 target.json names no
     * CPU, so rustc's callers are "generic" where clang's helpers are "x86-64"; LLVM refuses the pair, and graft
     * does not compile as their caller helpers with inline assembly (this_cpu_read, the atomics), whose needs
     * it cannot read. 7.x's helpers are __always_inline, which skips LLVM's target check; 6.12's need
     * --force-inline, and Kbuild's graft-rustc has no command line of graft's: GRAFT_FORCE_INLINE=1 gives it.
     */
    @ParameterizedTest
    @EnumSource(Way.class)
    void forceInlineFromTheEnvironmentInlinesAssemblyHelpersForAnotherCpuUnderGraftRustc(Way way) throws Exception {
        Fixtures.copy(dir, "asm", List.of("asm_helpers.c", "asm_crate.rs"));
        GraftRun.run(dir, "helpers", "-o", "asm.bc", "asm_helpers.c", "--", "-O2").succeeded();
        String[] rustc = {"graft-rustc", "-O", "-Ctarget-cpu=generic", "--emit=obj=k.o", "asm_crate.rs"};

        CommandResult left = graft(way, dir, Map.of("GRAFT_HELPERS", "asm.bc"), rustc);
        assertThat(left.exitCode()).as(left.stderr()).isZero();
        assertThat(left.stderr().lines().filter(l -> l.contains("graft")).toList()).singleElement().asString()
                .startsWith("graft: warning: asm_crate: 4 of 4 helper call sites left out of line")
                .contains("conflicting attributes");

        CommandResult forced = graft(way, dir, Map.of("GRAFT_HELPERS", "asm.bc", "GRAFT_FORCE_INLINE", "1"), rustc);
        assertThat(forced.exitCode()).as(forced.stderr()).isZero();
        assertThat(forced.stderr()).doesNotContain("graft");
        String relocations = new Workbench(dir).objdump("-r", dir.resolve("k.o").toString());
        assertThat(relocations).doesNotContain("rust_helper_");
    }

    /**
     * libbpf's xsk ring functions, built for another CPU: the compiler barrier in them (inline assembly with an
     * empty template) emits no instruction, so they inline as their caller with no setting; inline assembly with
     * an instruction still keeps its helper out of line, said in one line.
     */
    @ParameterizedTest
    @EnumSource(Way.class)
    void helpersWhoseOnlyAssemblyIsACompilerBarrierInlineAsTheirCaller(Way way) throws Exception {
        Fixtures.copy(dir, "targets", List.of("barrier.c", "barrier.rs"));
        GraftRun.run(dir, "helpers", "-o", "ring.bc", "barrier.c", "--", "-O2", "-march=znver4").succeeded();

        assertThat(graftLine(lib(way, Map.of(), "ring.bc", "b", "barrier.rs")))
                .startsWith("graft: warning: barrier: 1 of ").contains(" helper call sites left out of line; first: "
                        + "rust_helper_ring_fence in fenced");
        InliningReport report = ReportJson.read(Files.readString(dir.resolve("b.json")));
        assertThat(report.notInlined()).singleElement().satisfies(n -> {
            assertThat(n.callee()).isEqualTo("rust_helper_ring_fence");
            assertThat(n.reason()).contains("the helper has inline assembly");
        });
        assertThat(report.reconciliations()).filteredOn(r -> r.attribute().equals("target-cpu/target-features"))
                .extracting(Reconciliation::function)
                .contains("rust_helper_ring_peek", "rust_helper_ring_release");
        CommandResult nm = ProcessRunner.quiet().run(Command.of(toolchain.llvm().llvmNm(), dir.resolve("b.o").toString()));
        assertThat(nm.stdout()).as("the ring helpers are in line and gone; the fenced one is called")
                .doesNotContain("rust_helper_ring_peek").doesNotContain("rust_helper_ring_release")
                .contains("rust_helper_ring_fence");
    }

    /** graft rustc of {@code source} as a library object NAME.o with report NAME.json, which must succeed. */
    private CommandResult lib(Way way, Map<String, String> environment, String helpers, String name, String source) {
        CommandResult build = graft(way, dir, environment, "rustc", "--helpers", helpers, "--report", name + ".json",
                "--", "--crate-type=lib", "-O", "-Cpanic=abort", "--emit=obj=" + name + ".o", source);
        assertThat(build.exitCode()).as(build.stderr()).isZero();
        return build;
    }

    /** The one line of graft's on the build's output. */
    private static String graftLine(CommandResult build) {
        List<String> lines = build.stderr().lines().filter(l -> l.contains("graft")).toList();
        assertThat(lines).as(build.stderr()).hasSize(1);
        return lines.getFirst();
    }
}
