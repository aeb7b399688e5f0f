package dev.graft;

import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.TestToolchain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * rustc writes {@code --emit=llvm-bc=PATH} only for one codegen unit (with several it writes one file
 * per unit and none at PATH): graft builds such a crate as one unit and says so in a note. A rustc that
 * claims success without writing the bitcode is named as such.
 */
class CodegenUnitsTest {

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        TestToolchain.require();
        Fixtures.copyE2e(dir, List.of("helpers.c", "api.h", "multi.rs"));
        GraftRun run = GraftRun.run(dir, "helpers", "-o", "h.bc", "helpers.c", "--", "-O2", "-I.");
        run.succeeded();
    }

    private GraftRun rustc(String backend, String... rustcArgs) {
        List<String> args = new ArrayList<>(List.of("rustc", "--backend", backend, "--helpers", "h.bc", "--report",
                "r.json", "--"));
        args.addAll(List.of(rustcArgs));
        return GraftRun.run(dir, args.toArray(String[]::new));
    }

    private void assertBuiltAsOneUnitWithEveryCallInlined(GraftRun run, Path object) throws Exception {
        run.succeeded();
        assertThat(run.err()).contains("graft: note: rustc emits bitcode in one file only for one codegen unit: "
                + "graft builds the crate with -Ccodegen-units=1 instead of 4");
        assertThat(run.err()).doesNotContain("multiple .bc files");
        assertThat(object).exists();
        InliningReport report = ReportJson.read(Files.readString(dir.resolve("r.json")));
        assertThat(report.callSites().total()).isEqualTo(4);
        assertThat(report.callSites().inlined()).isEqualTo(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void severalCodegenUnitsBuildAsOneWithANote(String backend) throws Exception {
        GraftRun run = rustc(backend, "--crate-type=lib", "-O", "-Ccodegen-units=4", "--emit=obj=k.o", "multi.rs");
        assertBuiltAsOneUnitWithEveryCallInlined(run, dir.resolve("k.o"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void severalCodegenUnitsWithDashOAsPlainRustcAcceptsThem(String backend) throws Exception {
        GraftRun run = rustc(backend, "--crate-type=lib", "-O", "-C", "codegen_units=4", "--emit=obj", "-o", "g.o",
                "multi.rs");
        assertBuiltAsOneUnitWithEveryCallInlined(run, dir.resolve("g.o"));
    }

    @Test
    void oneCodegenUnitNeedsNoNote() {
        GraftRun run = rustc("inprocess", "--crate-type=lib", "-O", "-Ccodegen-units=1", "--emit=obj=k.o",
                "multi.rs");
        run.succeeded();
        assertThat(run.err()).doesNotContain("note");
    }

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void aRustcThatSucceedsWithoutWritingBitcodeIsNamed(String backend) throws Exception {
        Path realRustc = TestToolchain.require().rustc().executable();
        Path fake = dir.resolve("silent-rustc");
        // Answers graft's version query like the real rustc, then "compiles" by doing nothing.
        Files.writeString(fake, "#!/bin/sh\nif [ \"$1\" = -vV ]; then exec '" + realRustc + "' -vV; fi\nexit 0\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> args = new ArrayList<>(List.of("rustc", "--backend", backend, "--helpers", "h.bc", "--",
                "--crate-type=lib", "--emit=obj=k.o", "multi.rs"));
        GraftRun run = GraftRun.run(dir, Map.of("RUSTC", fake.toString(),
                "GRAFT_CACHE_DIR", dir.resolve(".cache").toString()), args.toArray(String[]::new));
        run.failedWith(ExitCode.TOOL_FAILED);
        List<String> lines = run.err().lines().filter(l -> l.startsWith("graft: ")).toList();
        assertThat(lines).as(run.toString()).hasSize(1);
        assertThat(lines.getFirst()).startsWith("graft: rustc exited 0 but wrote no bitcode at ")
                .endsWith("multi.bc");
        assertThat(run.err()).doesNotContain("\tat ");
        assertThat(dir.resolve("k.o")).doesNotExist();
    }
}
