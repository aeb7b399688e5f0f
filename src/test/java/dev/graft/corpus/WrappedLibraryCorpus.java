package dev.graft.corpus;

import dev.graft.files.Workspace;
import dev.graft.job.BackendSettings;
import dev.graft.job.CrateJob;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.report.ReportJson;
import dev.graft.rustc.RustcInvocation;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.GraftProcess;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One corpus library as its user builds it (liburcu, libxdp, liburing): the wrappers its {@code setup}
 * generated under GRAFT_CORPUS_DIR, compiled with the library's own flags; the Rust callers in
 * corpus/LIB/crate/lib.rs built plain or through graft and linked into corpus/LIB/main.rs; and
 * corpus/LIB/main.c, which calls the inline API directly. Every step is a real tool run in {@code dir}.
 */
final class WrappedLibraryCorpus {

    private static final List<String> RUST_FLAGS = List.of("--edition=2021", "-Copt-level=2");

    private final String library;
    private final Path dir;
    private final Path source;
    private final Path prepared;
    private final Toolchain toolchain;
    private final List<String> cflags;
    private final List<String> libs;

    WrappedLibraryCorpus(String library, Path dir) throws Exception {
        this.library = library;
        this.dir = dir;
        this.toolchain = TestToolchain.require();
        this.source = Fixtures.PROJECT.resolve("corpus").resolve(library);
        this.prepared = corpusDirectory().resolve(library);
        assertThat(prepared.resolve("helpers.c")).as("corpus/" + library + "/setup has not run (scripts/test and "
                + "scripts/setup-corpus run it)").exists();
        this.cflags = words(prepared.resolve("cflags"));
        this.libs = words(prepared.resolve("libs"));
    }

    /** Where scripts/setup-corpus prepared the corpus (GRAFT_CORPUS_DIR, else its default). */
    private static Path corpusDirectory() {
        String configured = System.getenv("GRAFT_CORPUS_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        return root ? Path.of("/var/cache/graft-corpus")
                : Path.of(System.getProperty("user.home"), ".cache/graft-corpus");
    }

    private static List<String> words(Path file) throws Exception {
        return Arrays.stream(Files.readString(file).trim().split("\\s+")).filter(w -> !w.isEmpty()).toList();
    }

    /** The helpers' names as the generated wrappers define them, in list order. */
    List<String> helperNames() throws Exception {
        Matcher m = Pattern.compile("\\b(\\w+__extern)\\(").matcher(Files.readString(prepared.resolve("helpers.c")));
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    List<String> cflags() {
        return cflags;
    }

    /**
     * The checks every corpus library shares: the plain and graft programs print what the C program
     * prints (for {@code run N}, and the hot loop's checksum for {@code bench N}); graft exits 0 and
     * reports every generated wrapper referenced and every call site inlined, leaving no helper copy.
     */
    GraftBuild checkAgainstC(String backend, String rounds) throws Exception {
        Path c = buildC();
        String expected = runProgram(c, "run", rounds);
        assertThat(expected).isNotBlank();
        assertThat(runProgram(buildPlain(), "run", rounds)).as("plain Rust").isEqualTo(expected);

        GraftBuild build = buildGraft(backend);
        InliningReport report = build.report();
        List<String> helpers = helperNames();
        assertThat(report.helpers().available()).isEqualTo(helpers.size());
        assertThat(report.perHelper()).as("the crate calls every helper")
                .extracting(InliningReport.HelperOutcome::helper).containsExactlyInAnyOrderElementsOf(helpers);
        assertThat(report.allInlined()).as(report.notInlined().toString()).isTrue();
        assertThat(report.helperSymbolsInObject()).isEmpty();
        assertThat(runProgram(build.program(), "run", rounds)).as("graft, " + backend).isEqualTo(expected);
        assertThat(checksum(runProgram(build.program(), "bench", rounds))).as("the benchmark's loop")
                .isEqualTo(checksum(runProgram(c, "bench", rounds)));
        assertThat(disassemble(build.object())).doesNotContain("__extern");
        return build;
    }

    private static String checksum(String benchOutput) {
        return benchOutput.substring(benchOutput.indexOf("checksum"));
    }

    /** The plain build: rustc's object of the crate, linked with clang's object of the wrappers. */
    Path buildPlain() throws Exception {
        List<String> compile = new ArrayList<>(cflags);
        compile.addAll(List.of("-c", prepared.resolve("helpers.c").toString(), "-o", "helpers.o"));
        run(toolchain.llvm().clang(), compile);
        rustc(crateArgs("plain.o"));
        return link("plain", "plain.o", "helpers.o");
    }

    /** graft helpers (once) and graft rustc with {@code backend}, in a separate JVM: an abort is an exit status. */
    GraftBuild buildGraft(String backend) throws Exception {
        if (!Files.exists(dir.resolve("helpers.bc"))) {
            graft("helpers", "-o", "helpers.bc", "--cflags-file", prepared.resolve("cflags").toString(),
                    prepared.resolve("helpers.c").toString());
        }
        String object = "graft-" + backend + ".o";
        List<String> args = new ArrayList<>(List.of("rustc", "--backend", backend, "--helpers", "helpers.bc",
                "--report", "graft-" + backend + ".json", "--"));
        args.addAll(crateArgs(object));
        graft(args.toArray(String[]::new));
        InliningReport report = ReportJson.read(Files.readString(dir.resolve("graft-" + backend + ".json")));
        return new GraftBuild(report, dir.resolve(object), link("graft-" + backend, object));
    }

    record GraftBuild(InliningReport report, Path object, Path program) {
    }

    /**
     * The crate as the cargo wrapper grafts a codegen unit: rustc's own object of it (one unit, with its bitcode,
     * as the wrapper asks rustc for), then the crate job in this JVM patches it ({@link CrateJob#graftUnit}):
     * rustc's object without the functions inlining changed, the patch beside it, both linked into the program.
     */
    PatchedBuild buildPatched() throws Exception {
        CrateJob.GraftedUnit unit = graftAsCargoUnit();
        assertThat(unit.patch()).as("the unit is patched, not generated whole").isPresent();
        return new PatchedBuild(unit.report(), dir.resolve("rustc.o"), unit.object(), unit.patch().get(),
                link("patched", unit.object().toString(), unit.patch().get().toString()));
    }

    /** The program linked from the objects that stand for rustc's object of the crate's one unit. */
    Path linkUnit(CrateJob.GraftedUnit unit) throws Exception {
        return link("unit", unit.objects().stream().map(Path::toString).toArray(String[]::new));
    }

    /**
     * The crate's one codegen unit grafted as the cargo wrapper grafts it: rustc writes its object and bitcode
     * (codegen-units=1), graft is given both.
     */
    CrateJob.GraftedUnit graftAsCargoUnit() throws Exception {
        if (!Files.exists(dir.resolve("helpers.bc"))) {
            graft("helpers", "-o", "helpers.bc", "--cflags-file", prepared.resolve("cflags").toString(),
                    prepared.resolve("helpers.c").toString());
        }
        List<String> args = new ArrayList<>(RUST_FLAGS);
        args.addAll(List.of("-Ccodegen-units=1", "--crate-type=lib", "--crate-name=" + crateName(),
                "--emit=obj=rustc.o,llvm-bc=rustc.bc", source.resolve("crate/lib.rs").toString()));
        rustc(args);
        RustcInvocation invocation = RustcInvocation.ofExpanded(args);
        Workspace workspace = Workspace.create(Optional.of(dir.resolve("patching")));
        CrateJob job = CrateJob.prepare(toolchain, List.of(dir.resolve("helpers.bc")), BackendSettings.DEFAULT,
                invocation.codegenOptions(toolchain.rustc().hostTriple(), dir), crateName(), ProcessRunner.quiet(),
                workspace);
        return job.graftUnit("rustc.o", dir.resolve("rustc.bc"),
                Optional.of(Files.readAllBytes(dir.resolve("rustc.o"))), workspace).orElseThrow();
    }

    /** rustc's object, the same without the changed functions, the patch, and the program linked from the two. */
    record PatchedBuild(InliningReport report, Path rustcObject, Path edited, Path patch, Path program) {
    }

    private String crateName() {
        return library.replace("lib", "") + "_corpus";
    }

    /** The C program, calling the inline functions and macros directly; and its object, for comparison. */
    Path buildC() throws Exception {
        List<String> compile = new ArrayList<>(cflags);
        compile.addAll(List.of("-c", source.resolve("main.c").toString(), "-o", "c.o"));
        run(toolchain.llvm().clang(), compile);
        List<String> link = new ArrayList<>(List.of("c.o", "-o", "c"));
        link.addAll(libs);
        run(toolchain.llvm().clang(), link);
        return dir.resolve("c");
    }

    Path cObject() {
        return dir.resolve("c.o");
    }

    /** Runs a built program with {@code args} and returns what it printed; it must exit 0. */
    String runProgram(Path program, String... args) throws Exception {
        return run(program, List.of(args));
    }

    String disassemble(Path object) throws Exception {
        return run(toolchain.llvm().llvmObjdump(), List.of("-dr", "--no-show-raw-insn", object.toString()));
    }

    private List<String> crateArgs(String object) {
        List<String> args = new ArrayList<>(RUST_FLAGS);
        args.addAll(List.of("--crate-type=lib", "--crate-name=" + crateName(),
                "--emit=obj=" + object, source.resolve("crate/lib.rs").toString()));
        return args;
    }

    private Path link(String program, String... objects) throws Exception {
        List<String> args = new ArrayList<>(RUST_FLAGS);
        args.addAll(List.of(source.resolve("main.rs").toString(), "-o", program));
        for (String object : objects) {
            args.add("-Clink-arg=" + dir.resolve(object));
        }
        libs.forEach(l -> args.add("-Clink-arg=" + l));
        rustc(args);
        return dir.resolve(program);
    }

    private void rustc(List<String> args) throws Exception {
        run(toolchain.rustc().executable(), args);
    }

    private void graft(String... args) throws Exception {
        CommandResult result = ProcessRunner.quiet().run(new Command(GraftProcess.argv(args), Optional.of(dir),
                Map.of("GRAFT_CACHE_DIR", dir.resolve(".cache").toString()), Command.DEFAULT_TIMEOUT));
        assertThat(result.exitCode()).as("graft must exit 0 (134 is an abort)\n" + result.command().render() + "\n"
                + result.stderr()).isZero();
    }

    private String run(Path tool, List<String> args) throws Exception {
        CommandResult r = ProcessRunner.quiet().run(Command.of(tool, args).inDirectory(dir));
        assertThat(r.exitCode()).as(r.command().render() + "\n" + r.stderr()).isZero();
        return r.stdout();
    }
}
