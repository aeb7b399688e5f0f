package dev.graft;

import dev.graft.GraftException;
import dev.graft.link.CodegenOptions;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.rustc.RustcInvocation;
import dev.graft.testkit.Checked;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftRun;
import dev.graft.testkit.Workbench;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * rustc generates code with LLVM's TrapUnreachable and NoTrapAfterNoreturn: an {@code unreachable} becomes
 * {@code ud2} unless it follows a call that never returns, so an impossible path never falls through into
 * the next function (where objtool would follow it). graft generates the crate's object itself, and each
 * backend must trap exactly where rustc's own object does. Compared on real objects: rustc's, and graft's
 * from the same command line, disassembled.
 */
class TrapUnreachableTest {

    private static final String AARCH64 = "aarch64-unknown-linux-gnu";
    private static final String AFTER_CALL = "unreachable_after_call";
    private static final String AFTER_NORETURN = "unreachable_after_noreturn";

    @TempDir
    Path dir;
    private Workbench bench;

    @BeforeEach
    void setUp() {
        bench = new Workbench(dir);
        Fixtures.copy(dir, "traps", List.of("trap_helpers.c", "traps.rs", "bare_traps.rs"));
        bench.helpers("h.bc", "trap_helpers.c", "-O2");
    }

    @ParameterizedTest
    @CsvSource({"inprocess, 2", "tools, 2", "inprocess, 0", "tools, 0"})
    void trapsWhereRustcTrapsAndNotAfterANoreturnCall(String backend, String optLevel) throws Exception {
        String rustc = rustcObject("rustc.o", Map.of(), "-Copt-level=" + optLevel);
        Map<String, List<String>> rustcTraps = traps(rustc);
        assertThat(rustcTraps.get(AFTER_CALL)).as("rustc's own object traps after trap_report").isNotEmpty();
        assertThat(rustcTraps.get(AFTER_NORETURN)).as("and not after the noreturn trap_abort").isEmpty();

        graft(backend, "graft.o", Map.of(), "-Copt-level=" + optLevel).succeeded();
        String grafted = disassemble("graft.o");
        Map<String, List<String>> graftedTraps = traps(grafted);
        rustcTraps.forEach((function, trapsAfter) -> assertThat(graftedTraps.get(function))
                .as("the traps in %s, each named by the last symbol before it (%s)", function, backend)
                .isEqualTo(trapsAfter));
        for (String function : List.of(AFTER_CALL, AFTER_NORETURN)) {
            assertThat(lastInstruction(grafted, function)).as(function).isEqualTo(lastInstruction(rustc, function));
        }
        InliningReport report = ReportJson.read(Files.readString(dir.resolve("r.json")));
        assertThat(report.callSites().total()).isEqualTo(2);
        if (optLevel.equals("2")) {
            assertThat(report.allInlined()).as(report.toString()).isTrue();
            assertThat(rustcTraps.get(AFTER_CALL)).containsExactly("trap_report");
            assertThat(lastInstruction(rustc, AFTER_CALL)).isEqualTo("ud2");
            assertThat(lastInstruction(rustc, AFTER_NORETURN)).isEqualTo("callq");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void trapsOnAarch64WhereRustcTraps(String backend) throws Exception {
        bench.helpers("arm.bc", "trap_helpers.c", "-O2", "--target=" + AARCH64);
        String[] flags = {"-O", "--target=" + AARCH64};
        String rustc = rustcObject("rustc.o", BOOTSTRAP, flags);
        assertThat(traps(rustc)).containsEntry(AFTER_CALL, List.of("trap_report"))
                .containsEntry(AFTER_NORETURN, List.of());
        assertThat(lastInstruction(rustc, AFTER_CALL)).isEqualTo("brk");

        graft(backend, "arm.bc", "graft.o", BOOTSTRAP, flags).succeeded();
        String grafted = disassemble("graft.o");
        assertThat(traps(grafted)).containsEntry(AFTER_CALL, List.of("trap_report"))
                .containsEntry(AFTER_NORETURN, List.of());
        assertThat(lastInstruction(grafted, AFTER_CALL)).isEqualTo("brk");
    }

    @Test
    void theToolsBackendHonoursACrateThatTurnsTrapsOff() throws Exception {
        Map<String, List<String>> rustc = traps(rustcObject("rustc.o", BOOTSTRAP, "-O", "-Ztrap-unreachable=no"));
        assertThat(rustc.get(AFTER_CALL)).as("rustc -Ztrap-unreachable=no falls through after trap_report").isEmpty();

        graft("tools", "graft.o", BOOTSTRAP, "-O", "-Ztrap-unreachable=no").succeeded();
        String grafted = disassemble("graft.o");
        assertThat(traps(grafted).get(AFTER_CALL)).isEmpty();
        assertThat(traps(grafted).get(AFTER_NORETURN)).isEmpty();
        assertThat(lastInstruction(grafted, AFTER_CALL)).isEqualTo("callq");
    }

    @Test
    void theInProcessBackendRefusesACrateThatTurnsTrapsOffNamingTheToolsBackend() {
        GraftRun run = graft("inprocess", "graft.o", BOOTSTRAP, "-O", "-Ztrap_unreachable=off");
        run.failedWith(ExitCode.BAD_INPUT);
        assertThat(run.failureLine()).contains("-Ztrap-unreachable=no").contains("--backend tools");
        assertThat(dir.resolve("graft.o")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void llvmArgsThatTurnTheTrapOptionOffChangeNothingAsInRustc(String backend) throws Exception {
        String[] flags = {"-O", "-Cllvm-args=-trap-unreachable=false"};
        Map<String, List<String>> rustc = traps(rustcObject("rustc.o", Map.of(), flags));
        assertThat(rustc.get(AFTER_CALL)).containsExactly("trap_report");
        graft(backend, "graft.o", Map.of(), flags).succeeded();
        assertThat(traps(disassemble("graft.o")).get(AFTER_CALL)).isEqualTo(rustc.get(AFTER_CALL));
    }

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void anExplicitTrapUnreachableIsRustcsDefault(String backend) throws Exception {
        graft(backend, "graft.o", BOOTSTRAP, "-O", "-Ztrap-unreachable").succeeded();
        assertThat(traps(disassemble("graft.o")).get(AFTER_CALL)).containsExactly("trap_report");
    }

    @Test
    void readsTrapUnreachableAsRustcDoesWithTheTargetsDefault() throws Exception {
        String host = "x86_64-unknown-linux-gnu";
        assertThat(codegen(host, "-O").trapUnreachable()).isTrue();
        assertThat(codegen(host, "-Z", "trap_unreachable=n").trapUnreachable()).isFalse();
        assertThat(codegen(host, "-Ztrap-unreachable=no", "-Ztrap-unreachable").trapUnreachable())
                .as("the last occurrence wins; a bare flag is yes").isTrue();
        assertThat(codegen(host, "--target", "msp430-none-elf").trapUnreachable())
                .as("the one rustc 1.95 target whose spec turns traps off").isFalse();
    }

    private CodegenOptions codegen(String host, String... rustcFlags) throws GraftException {
        return RustcInvocation.ofExpanded(List.of(rustcFlags)).codegenOptions(host, dir);
    }

    @Test
    void graftLinkTakesTheTrapOption() throws Exception {
        Checked.run(Command.of(bench.toolchain().rustc().executable(), "--edition=2024", "-O",
                "--emit=llvm-bc=k.bc", "traps.rs").inDirectory(dir));
        bench.graft("link", "--backend", "tools", "--helpers", "h.bc", "-o", "l.o", "k.bc", "--", "-O",
                "-Ztrap-unreachable=no").succeeded();
        assertThat(traps(disassemble("l.o")).get(AFTER_CALL)).isEmpty();
        bench.graft("link", "--backend", "inprocess", "--helpers", "h.bc", "-o", "l.o", "k.bc", "--", "-O",
                "-Ztrap-unreachable=yes").succeeded();
        assertThat(traps(disassemble("l.o")).get(AFTER_CALL)).containsExactly("trap_report");
    }

    /** rustc's {@code -Z} flags need a nightly compiler, or this on a stable one (as the kernel's build sets). */
    private static final Map<String, String> BOOTSTRAP = Map.of("RUSTC_BOOTSTRAP", "1");

    private String rustcObject(String object, Map<String, String> environment, String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("--edition=2024"));
        args.addAll(List.of(flags));
        args.addAll(List.of("--emit=obj=" + object, crate(flags)));
        CommandResult result = ProcessRunner.quiet().run(Command.of(bench.toolchain().rustc().executable(), args)
                .inDirectory(dir).withEnvironment(environment));
        assertThat(result.exitCode()).as(result.command().render() + "\n" + result.stderr()).isZero();
        return disassemble(object);
    }

    private GraftRun graft(String backend, String object, Map<String, String> environment, String... flags) {
        return graft(backend, "h.bc", object, environment, flags);
    }

    private GraftRun graft(String backend, String helpers, String object, Map<String, String> environment,
                           String... flags) {
        List<String> args = new ArrayList<>(List.of("rustc", "--backend", backend, "--helpers", helpers, "--report",
                "r.json", "--", "--edition=2024"));
        args.addAll(List.of(flags));
        args.addAll(List.of("--emit=obj=" + object, crate(flags)));
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("GRAFT_CACHE_DIR", dir.resolve(".cache").toString());
        return GraftRun.run(dir, env, args.toArray(String[]::new));
    }

    /** The crate for the target the flags name: one without a core library for aarch64, whose std is not installed. */
    private static String crate(String... flags) {
        return List.of(flags).contains("--target=" + AARCH64) ? "bare_traps.rs" : "traps.rs";
    }

    private String disassemble(String object) throws Exception {
        return bench.objdump("-dr", "--no-show-raw-insn", object);
    }

    private static final Pattern FUNCTION = Pattern.compile("^[0-9a-f]+ <(.+)>:$");
    private static final Pattern RELOCATION = Pattern.compile("^\\s+[0-9a-f]+:\\s+R_\\S+\\s+(\\S+?)([-+]0x[0-9a-f]+)?$");
    private static final Pattern INSTRUCTION = Pattern.compile("^\\s+[0-9a-f]+:\\s+(\\S+).*$");

    /** What LLVM generates for a trap: x86's {@code ud2}, AArch64's {@code brk #0x1}, Arm's {@code udf}. */
    private static final Set<String> TRAPS = Set.of("ud2", "brk", "udf");

    /**
     * Each function's traps, each named by the last symbol a relocation before it names in the
     * function (the call it follows), or {@code "entry"}. A local callee may be named by its section
     * ({@code .text.f}) in one object and by itself in another: the section prefix is dropped.
     */
    static Map<String, List<String>> traps(String disassembly) {
        Map<String, List<String>> traps = new LinkedHashMap<>();
        List<String> current = null;
        String lastSymbol = "entry";
        for (String line : disassembly.lines().toList()) {
            Matcher function = FUNCTION.matcher(line);
            Matcher relocation = RELOCATION.matcher(line);
            Matcher instruction = INSTRUCTION.matcher(line);
            if (function.matches()) {
                current = traps.computeIfAbsent(function.group(1), f -> new ArrayList<>());
                lastSymbol = "entry";
            } else if (current != null && relocation.matches()) {
                lastSymbol = relocation.group(1).replaceFirst("^\\.text\\.", "");
            } else if (current != null && instruction.matches() && TRAPS.contains(instruction.group(1))) {
                current.add(lastSymbol);
            }
        }
        return traps;
    }

    /** The mnemonic of a function's last instruction, alignment padding left out. */
    static String lastInstruction(String disassembly, String name) {
        String last = "";
        boolean inside = false;
        for (String line : disassembly.lines().toList()) {
            Matcher function = FUNCTION.matcher(line);
            Matcher instruction = INSTRUCTION.matcher(line);
            if (function.matches()) {
                inside = function.group(1).equals(name);
            } else if (inside && !RELOCATION.matcher(line).matches() && instruction.matches()) {
                String mnemonic = instruction.group(1);
                if (!mnemonic.startsWith("nop") && !mnemonic.equals("int3")) {
                    last = mnemonic;
                }
            }
        }
        return last;
    }
}
