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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reconciliation rules besides target features (KernelStyleTest has those): what graft copies to
 * a Rust caller, and how it explains a difference it leaves to LLVM. Helpers built by clang, crate by
 * rustc, object by the in-process backend; each rule is checked in the report and in the object.
 */
class ReconciliationTest {

    @TempDir
    Path dir;
    private Toolchain toolchain;

    @BeforeEach
    void setUp() {
        toolchain = TestToolchain.require();
        Fixtures.copy(dir, "reconcile", List.of("recon.c", "recon.rs"));
    }

    private void helpers(String output, String... clangFlags) {
        String[] args = new String[4 + clangFlags.length];
        System.arraycopy(new String[]{"helpers", "-o", output, "recon.c"}, 0, args, 0, 4);
        System.arraycopy(clangFlags, 0, args, 4, clangFlags.length);
        GraftRun run = GraftRun.run(dir, args);
        run.succeeded();
    }

    private InliningReport build(String helpers, String object) throws Exception {
        GraftRun run = GraftRun.run(dir, "rustc", "--helpers", helpers, "--report", object + ".json", "--",
                "--crate-type=lib", "-Copt-level=2", "-Cpanic=abort", "--emit=obj=" + object, "recon.rs");
        run.succeeded();
        return ReportJson.read(Files.readString(dir.resolve(object + ".json")));
    }

    private String disassemble(String object, String function) throws Exception {
        CommandResult r = Checked.run(Command.of(toolchain.llvm().llvmObjdump(), "-dr",
                "--no-show-raw-insn", object).inDirectory(dir));
        String code = r.stdout();
        int start = code.indexOf("<" + function + ">:");
        int end = code.indexOf("\n\n", start);
        return code.substring(start, end < 0 ? code.length() : end);
    }

    @Test
    void helperBitcodeThatTreatsNullAsValidInlinesByMakingTheCallerCarefulToo() throws Exception {
        // Bitcode from elsewhere, with the flag graft helpers would have removed.
        CommandResult clang = Checked.run(Command.of(toolchain.llvm().clang(), "-O2",
                "-fno-delete-null-pointer-checks", "-c", "-emit-llvm", "recon.c", "-o", "np.bc").inDirectory(dir));
        assertThat(clang.exitCode()).isZero();
        InliningReport report = build("np.bc", "np.o");

        assertThat(report.allInlined()).as(report.notInlined().toString()).isTrue();
        assertThat(report.reconciliations()).filteredOn(r -> r.attribute().equals("null_pointer_is_valid"))
                .extracting(r -> r.function() + " " + r.by()).containsExactlyInAnyOrder("first graft", "pick graft");
    }

    @Test
    void aHelpersStackBufferKeepsItsCanaryInsideTheRustCaller() throws Exception {
        helpers("ssp.bc", "--", "-O2", "-fstack-protector-strong");
        InliningReport report = build("ssp.bc", "ssp.o");

        assertThat(report.allInlined()).isTrue();
        // Only the helper with a stack buffer passes its protector on; the other caller stays as it was.
        assertThat(report.reconciliations()).filteredOn(r -> r.by().equals("graft"))
                .extracting(r -> r.function() + " " + r.attribute()).containsExactly("pick sspstrong");
        assertThat(disassemble("ssp.o", "pick")).contains("__stack_chk_fail");
        assertThat(disassemble("ssp.o", "first")).doesNotContain("__stack_chk_fail");
    }

    @Test
    void aSanitizerOnOneSideOnlyIsExplainedNotForced() throws Exception {
        helpers("ss.bc", "--", "-O2", "-fsanitize=safe-stack");
        InliningReport report = build("ss.bc", "ss.o");

        assertThat(report.callSites().inlined()).isZero();
        assertThat(report.notInlined()).hasSize(2).allSatisfy(n -> assertThat(n.reason())
                .contains("conflicting attributes", "safestack is on the helper only"));
        assertThat(report.reconciliations()).filteredOn(r -> r.attribute().equals("safestack")).isEmpty();
    }
}
