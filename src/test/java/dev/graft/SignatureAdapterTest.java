package dev.graft;

import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.Workbench;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crate whose extern declaration differs from the helper's definition only as the calling convention
 * allows is inlined through an adapter, never failed: the kernel's {@code rust_helper_REFCOUNT_INIT} on
 * arm64, a 4-byte struct that rustc returns as i64 and clang as i32. Checked call site by call site in the
 * generated aarch64 object, with both backends.
 */
class SignatureAdapterTest {

    @TempDir
    Path dir;
    private Workbench bench;

    @BeforeEach
    void setUp() {
        bench = new Workbench(dir);
        Fixtures.copy(dir, "targets", List.of("refcount.c", "refcount.rs"));
    }

    private GraftRun rustc(String backend, String... rustcArgs) {
        List<String> args = new java.util.ArrayList<>(List.of("rustc", "--backend", backend, "--helpers", "h.bc",
                "--report", "r.json", "--", "--crate-type=lib", "-O", "--target=aarch64-unknown-none-softfloat"));
        args.addAll(List.of(rustcArgs));
        return GraftRun.run(dir, Map.of("RUSTC_BOOTSTRAP", "1", "GRAFT_CACHE_DIR", dir.resolve(".cache").toString()),
                args.toArray(String[]::new));
    }

    @ParameterizedTest
    @CsvSource({"inprocess, linkonce_odr", "tools, linkonce_odr", "inprocess, internal", "tools, internal"})
    void aStructReturnedInAWiderRegisterIsInlinedThroughAnAdapter(String backend, String linkage) throws Exception {
        // The kernel's pair: C for aarch64-linux-gnu, Rust for aarch64-unknown-none-softfloat (7.2 internalizes).
        GraftRun.run(dir, "helpers", "--linkage", linkage, "-o", "h.bc", "refcount.c", "--", "-O2",
                "--target=aarch64-linux-gnu", "-mgeneral-regs-only").succeeded();
        GraftRun run = rustc(backend, "--emit=obj=k.o", "refcount.rs").succeeded();
        assertThat(run.err()).doesNotContain("graft: ");

        InliningReport report = ReportJson.read(Files.readString(dir.resolve("r.json")));
        assertThat(report.callSites().total()).as(run.toString()).isEqualTo(6);
        assertThat(report.callSites().inlined()).isEqualTo(6);
        assertThat(report.notInlined()).isEmpty();

        String disassembly = bench.objdump("-dr", "--no-show-raw-insn", dir.resolve("k.o").toString());
        assertThat(disassembly).contains("elf64-littleaarch64");
        for (String caller : List.of("init_and_read", "init_set_read", "make")) {
            assertThat(Workbench.functionBody(disassembly, caller)).as(caller + " in\n" + disassembly)
                    .doesNotContain("\tbl\t").doesNotContain("\tb\t").doesNotContain("R_AARCH64_CALL26")
                    .doesNotContain("R_AARCH64_JUMP26");
        }
        // make(n) is the helper's whole body: the value arrives in w0 and leaves in x0 (at most a zero extension).
        assertThat(Workbench.functionBody(disassembly, "make").lines().filter(l -> l.matches("\\s+[0-9a-f]+:.*")).toList())
                .as(disassembly).hasSizeLessThanOrEqualTo(2).last().asString().endsWith("ret");
        String symbols = bench.objdump("-t", dir.resolve("k.o").toString());
        assertThat(symbols).doesNotContain("rust_helper_").doesNotContain("graft-adapter");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void aDeclarationNoConventionMakesTheSameStaysAnOrdinaryCallAndIsReported(String backend) throws Exception {
        Fixtures.copyE2e(dir, List.of("helpers.c", "api.h", "wrong_signature.rs"));
        bench.helpers("x86.bc", "helpers.c", "-O2", "-I.");
        GraftRun run = GraftRun.run(dir, "rustc", "--backend", backend, "--helpers", "x86.bc", "--report", "r.json",
                "--", "--crate-type=lib", "-O", "--emit=obj=w.o", "wrong_signature.rs").succeeded();
        assertThat(run.err().lines().filter(l -> l.contains("graft")).toList()).as("one line on the build's output")
                .containsExactly("graft: warning: wrong_signature: 1 of 1 helper call site left out of line; first: "
                        + "rust_helper_add in twice: " + report(dir).notInlined().getFirst().reason()
                        + " (every call and why: r.json)");

        InliningReport report = ReportJson.read(Files.readString(dir.resolve("r.json")));
        assertThat(report.callSites().total()).isEqualTo(1);
        assertThat(report.callSites().inlined()).isZero();
        assertThat(report.notInlined()).singleElement().satisfies(n -> {
            assertThat(n.caller()).isEqualTo("twice");
            assertThat(n.reason()).contains("declares rust_helper_add as i64 (i64) but the helper library defines "
                    + "it as i32 (i32, i32)", "different numbers of arguments", "fix the extern declaration");
        });
        assertThat(Workbench.functionBody(bench.objdump("-dr", dir.resolve("w.o").toString()), "twice"))
                .contains("R_X86_64_PLT32\trust_helper_add");
    }

    private static InliningReport report(Path dir) throws Exception {
        return ReportJson.read(Files.readString(dir.resolve("r.json")));
    }
}
