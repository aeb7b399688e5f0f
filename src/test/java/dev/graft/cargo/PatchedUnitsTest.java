package dev.graft.cargo;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.testkit.BothWays;
import dev.graft.testkit.Checked;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.ServerHarness;
import dev.graft.testkit.PatchedObjects;
import dev.graft.testkit.TestToolchain;
import dev.graft.testkit.Way;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/patched-units through the cargo wrapper, codegen units 1 and 16: graft generates again only the
 * functions inlining changed and keeps the rest of rustc's object of each unit. Held to rustc's own build of
 * the same crate (writing bitcode too, as under graft): the program's output (a panic unwinding through new code included), every global symbol each
 * unit defines, and the machine code of functions that call no helper, byte for byte.
 */
class PatchedUnitsTest {

    @TempDir
    Path dir;
    private final Toolchain toolchain = TestToolchain.require();
    private final PatchedObjects objects = new PatchedObjects(toolchain);
    private BothWays ways;

    @BeforeEach
    void startServer() throws IOException {
        ways = new BothWays(dir);
    }

    @AfterEach
    void stopServer() {
        ways.close();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void patchedUnitsBehaveAndLinkAsRustcsOwn(Way way) throws Exception {
        Path graft = GraftScript.write(dir.resolve(way.name()), ways.argv(way, List.of()));
        for (String profile : List.of("release", "units16")) {
            // One source directory for both builds: its path is in the debug info, and so in rustc's module hashes.
            Path crate = Fixtures.copyExample("patched-units", dir.resolve(way + "-" + profile));
            Path plain = crate.resolve("target-plain");
            cargo(crate, Map.of("RUSTC_WRAPPER", withBitcode().toString(), "CARGO_TARGET_DIR", plain.toString()),
                    profile);
            Path grafted = crate.resolve("target-graft");
            cargo(crate, Map.of("RUSTC_WRAPPER", graft.toString(), "GRAFT_EXECUTABLE", graft.toString(),
                    "CARGO_TARGET_DIR", grafted.toString()), profile);

            String expected = program(plain, profile);
            assertThat(expected).contains("checked 1000 panicked: true");
            assertThat(program(grafted, profile)).as(profile).isEqualTo(expected);
            String summary = Files.readString(grafted.resolve(profile + "/graft/summary.txt"));
            assertThat(summary).as(summary).containsPattern("(?m)^patched_units +lib +(\\d+)/\\1 ");

            Map<String, byte[]> rustcs = units(rlib(plain, profile));
            Map<String, byte[]> grafts = units(rlib(grafted, profile));
            Map<String, InliningReport> reports = unitReports(grafted, profile);
            List<String> patches = grafts.keySet().stream().filter(n -> n.endsWith(".graft.o")).toList();
            assertThat(patches).as(profile + ": units patched, not regenerated whole: " + grafts.keySet())
                    .isNotEmpty();
            for (String unit : rustcs.keySet()) {
                Path rustcObject = write(rustcs.get(unit), profile + "-rustc-" + unit);
                Path edited = write(grafts.get(unit), profile + "-edited-" + unit);
                List<Path> grafts2 = new ArrayList<>(List.of(edited));
                String patchName = unit.replaceFirst("\\.rcgu\\.o$", "") + ".graft.o";
                if (grafts.containsKey(patchName)) {
                    Path patch = write(grafts.get(patchName), profile + "-patch-" + unit);
                    grafts2.add(patch);
                    assertThat(reports.get(unit).codeGeneration())
                            .as(unit + ": the report counts the patch's functions").isEqualTo(InliningReport.CodeGeneration.changedFunctions(
                                    objects.definedFunctions(patch).size()));
                } else if (reports.containsKey(unit)) {
                    assertThat(reports.get(unit).codeGeneration().scope()).as(unit)
                            .isEqualTo(InliningReport.CodeGeneration.WHOLE_UNIT);
                    assertThat(reports.get(unit).codeGeneration().because()).as(unit).isNotBlank();
                }
                assertThat(objects.globalDefinitions(grafts2)).as(unit + ": the global symbols rustc's object defines")
                        .isEqualTo(objects.globalDefinitions(List.of(rustcObject)));
                List<String> kept = objects.functions(edited);
                assertThat(kept).as(unit + ": what calls no helper stays").isNotEmpty();
                assertThat(objects.functions(rustcObject)).as(unit).containsAll(kept);
                for (String function : kept) {
                    assertThat(objects.code(edited, function)).as(unit + ": " + function + " is rustc's code")
                            .isEqualTo(objects.code(rustcObject, function));
                }
            }
        }
    }

    /**
     * rustc as graft runs it, writing each unit's bitcode besides its objects (and nothing else): rustc then keeps
     * LLVM's value names, which name private constants ({@code vtable.0} for {@code anon.<hash>.0}) and the hashes
     * of what ThinLTO between codegen units promotes. Held to this build, every difference is graft's.
     */
    private Path withBitcode() throws IOException {
        Path script = Files.createDirectories(dir.resolve("rustc-with-bitcode")).resolve("wrapper");
        Files.writeString(script, """
                #!/bin/sh
                case " $* " in
                  *" --crate-name ___ "*|*" -vV "*) exec "$@" ;;
                esac
                exec "$@" --emit=llvm-bc
                """);
        Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    private void cargo(Path crate, Map<String, String> extra, String profile) throws Exception {
        Map<String, String> env = new HashMap<>(ServerHarness.environment(dir));
        env.putAll(extra);
        CargoRun.run(toolchain, crate, env, "build", "--profile", profile);
    }

    private static String program(Path target, String profile) throws Exception {
        CommandResult run = ProcessRunner.quiet().run(Command.of(target.resolve(profile + "/patched-units")));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return run.stdout();
    }

    private static Path rlib(Path target, String profile) throws IOException {
        try (Stream<Path> files = Files.list(target.resolve(profile + "/deps"))) {
            return files.filter(p -> p.getFileName().toString().matches("libpatched_units-.*\\.rlib")).findFirst()
                    .orElseThrow();
        }
    }

    /** The report of each unit graft replaced, by its object's name, from the crate's cargo report. */
    private static Map<String, InliningReport> unitReports(Path target, String profile) throws IOException {
        Path report;
        try (var files = Files.list(target.resolve(profile + "/graft"))) {
            report = files.filter(p -> p.getFileName().toString().matches("patched_units-.*\\.json")).findFirst()
                    .orElseThrow();
        }
        Map<String, InliningReport> units = new HashMap<>();
        ReportJson.read(Files.readString(report), CrateReport.class).codegenUnits()
                .forEach(u -> units.put(u.object(), u.report()));
        assertThat(units).as(report + " reports units").isNotEmpty();
        return units;
    }

    /** The crate's objects in the rlib: rustc's codegen units and graft's patches. */
    private Map<String, byte[]> units(Path rlib) throws Exception {
        List<String> members = Checked.run(Command.of(toolchain.llvm().binDirectory().resolve("llvm-ar"), "t",
                rlib.toString())).stdout().lines().filter(n -> n.endsWith(".o")).toList();
        assertThat(members).as(rlib + " has codegen units").isNotEmpty();
        return new ArchiveMembers(toolchain.llvm(), ProcessRunner.quiet()).list(rlib).members(Set.copyOf(members));
    }

    private Path write(byte[] bytes, String name) throws IOException {
        return Files.write(Files.createDirectories(dir.resolve("objects")).resolve(name), bytes);
    }
}
