package dev.graft.cargo;

import dev.graft.process.JobserverHandoff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Pairing codegen-unit objects with rustc's bitcode files, the dep-info edit, the jobserver hand-off. */
class UnitPairingTest {

    @TempDir
    Path out;

    private static final String STEM = "counter-73e9";
    private static final String CGU0 = STEM + ".counter.c3b91d08-cgu.0.rcgu.o";
    private static final String CGU1 = STEM + ".counter.c3b91d08-cgu.1.rcgu.o";
    private static final String ALLOCATOR = STEM + ".cg4rx1jchaxaof8u4c35k89gz.rcgu.o";

    private void bitcode(String... names) throws Exception {
        for (String name : names) {
            Files.writeString(out.resolve(name), "BC");
        }
    }

    @Test
    void pairsEachUnitObjectWithTheBitcodeOfTheSameName() throws Exception {
        bitcode(CGU0.replace(".o", ".bc"), CGU1.replace(".o", ".bc"));
        CodegenUnits.Pairing pairing = CodegenUnits.pair(List.of("lib.rmeta", CGU0, CGU1, ALLOCATOR), STEM, out);
        assertThat(pairing.units()).containsExactly(
                new CodegenUnits.Unit(CGU0, Optional.of(out.resolve(CGU0.replace(".o", ".bc")))),
                new CodegenUnits.Unit(CGU1, Optional.of(out.resolve(CGU1.replace(".o", ".bc")))));
        assertThat(pairing.warnings()).isEmpty();
    }

    @Test
    void incrementalUnitsAreNamedByTheirHash() throws Exception {
        String unit = STEM + ".elnkbpk0zmy79xyt6hgrd5804.13dldd7.rcgu.o";
        bitcode(unit.replace(".o", ".bc"));
        CodegenUnits.Pairing pairing = CodegenUnits.pair(List.of(unit, ALLOCATOR), STEM, out);
        assertThat(pairing.units()).containsExactly(
                new CodegenUnits.Unit(unit, Optional.of(out.resolve(unit.replace(".o", ".bc")))));
        assertThat(pairing.warnings()).isEmpty();
    }

    @Test
    void oneUnitsBitcodeIsNamedAfterTheCrateAndMayHaveACopy() throws Exception {
        bitcode(STEM + ".bc");
        assertThat(CodegenUnits.pair(List.of(CGU0, ALLOCATOR), STEM, out).units())
                .containsExactly(new CodegenUnits.Unit(CGU0, Optional.of(out.resolve(STEM + ".bc"))));
        bitcode(CGU0.replace(".o", ".bc"));
        assertThat(CodegenUnits.pair(List.of(CGU0), STEM, out).units())
                .containsExactly(new CodegenUnits.Unit(CGU0, Optional.of(out.resolve(CGU0.replace(".o", ".bc")))));
    }

    @Test
    void anUnclearPairingKeepsRustcsObjectsAndSaysSo() throws Exception {
        bitcode(STEM + ".bc");
        CodegenUnits.Pairing twoObjects = CodegenUnits.pair(List.of(CGU0, CGU1), STEM, out);
        assertThat(twoObjects.units()).allSatisfy(u -> assertThat(u.bitcode()).isEmpty());
        assertThat(twoObjects.warnings()).singleElement().asString().contains("keeping rustc's objects");

        Files.delete(out.resolve(STEM + ".bc"));
        bitcode(STEM + ".counter.c3b91d08-cgu.7.rcgu.bc");
        CodegenUnits.Pairing orphan = CodegenUnits.pair(List.of(CGU0), STEM, out);
        assertThat(orphan.units()).containsExactly(new CodegenUnits.Unit(CGU0, Optional.empty()));
        assertThat(orphan.warnings()).singleElement().asString().contains("cgu.7.rcgu.bc but no object");
    }

    @Test
    void depInfoNamesTheHelpersForEveryOutput() {
        String rustc = """
                /t/deps/counter-73e9.d: counter/src/lib.rs

                /t/deps/libcounter-73e9.rlib: counter/src/lib.rs

                counter/src/lib.rs:
                """;
        assertThat(DepInfoHelpers.withHelpers(rustc, Path.of("/t/deps"), List.of(Path.of("/o/my out/graft-helpers.bc"))))
                .isEqualTo("""
                        /t/deps/counter-73e9.d: counter/src/lib.rs /o/my\\ out/graft-helpers.bc

                        /t/deps/libcounter-73e9.rlib: counter/src/lib.rs /o/my\\ out/graft-helpers.bc

                        counter/src/lib.rs:

                        /o/my\\ out/graft-helpers.bc:
                        """);
    }

    @Test
    void jobserverDescriptorsBecomeTheirProcPathOrAreDropped() throws Exception {
        // Surefire talks to its forked JVM over pipes: standard input is one.
        assertThat(Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString()).startsWith("pipe:");
        Map<String, String> changed = JobserverHandoff.environment(Map.of(
                "CARGO_MAKEFLAGS", "-j --jobserver-fds=0,1 --jobserver-auth=0,1", "MAKEFLAGS", "-j4 --jobserver-auth=987,988"));
        assertThat(changed.get("CARGO_MAKEFLAGS"))
                .isEqualTo("-j --jobserver-auth=fifo:/proc/" + ProcessHandle.current().pid() + "/fd/0");
        assertThat(changed.get("MAKEFLAGS")).as("no descriptor 987 in this process").isEqualTo("-j4");
        assertThat(JobserverHandoff.environment(Map.of("CARGO_MAKEFLAGS", "-j --jobserver-auth=fifo:/x"))).isEmpty();
    }

    @Test
    void settingsBecomeEnvDepLinesAsRustcWritesThem() {
        String rustc = "/t/deps/x.d: src/lib.rs\n\nsrc/lib.rs:\n";
        assertThat(DepInfoHelpers.withSettings(rustc, java.util.Map.of("GRAFT_BACKEND", java.util.Optional.of("a\\b\nc"),
                "GRAFT_HELPERS", java.util.Optional.empty())))
                .isEqualTo(rustc + "# env-dep:GRAFT_BACKEND=a\\\\b\\nc\n# env-dep:GRAFT_HELPERS\n");
    }
}
