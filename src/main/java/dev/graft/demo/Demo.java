package dev.graft.demo;

import dev.graft.GraftException;
import dev.graft.cache.HelperCache;
import dev.graft.helpers.HelperCompiler;
import dev.graft.ir.LinkagePolicy;
import dev.graft.job.BackendSettings;
import dev.graft.job.CrateJob;
import dev.graft.process.Command;
import dev.graft.toolchain.NestedGraft;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.report.InliningReport;
import dev.graft.report.ObjectContents;
import dev.graft.report.ObjectInspector;
import dev.graft.report.ReportText;
import dev.graft.rustc.CrateBuild;
import dev.graft.rustc.RustcInvocation;
import dev.graft.toolchain.Toolchain;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the example twice: plain (helpers compiled to an object, a call per use) and through graft
 * (helpers inlined), links each with the C driver, runs both, and checks they print the expected
 * results. The verdict line is the report's headline.
 */
public final class Demo {

    /** How the demo went: the graft build's report and whether both programs passed their C cross-check alike. */
    public record Outcome(InliningReport report, int plainHelperReferences, boolean outputsMatch) {
        public boolean succeeded() {
            return outputsMatch && report.allInlined();
        }
    }

    private final Toolchain toolchain;
    private final ProcessRunner runner;
    private final BackendSettings backend;
    private final HelperCache cache;

    public Demo(Toolchain toolchain, ProcessRunner runner, BackendSettings backend, HelperCache cache) {
        this.toolchain = toolchain;
        this.runner = runner;
        this.backend = backend;
        this.cache = cache;
    }

    public Outcome run(Path examples, Path work, PrintWriter out) throws GraftException {
        ExampleProject example = ExampleProject.load(examples);
        out.println("example: " + example.root());

        Path plainObject = work.resolve("plain-crate.o");
        Path helpersObject = work.resolve("helpers.o");
        run(clang(List.of("-c"), example, List.of("-o", helpersObject.toString(), example.helpersSource().toString())));
        run(NestedGraft.marked(Command.of(toolchain.rustc().executable(), example.rustcArgs(plainObject))));
        Path plainProgram = link(example, work.resolve("plain-app"), plainObject, Optional.of(helpersObject));
        String plainOutput = runProgram(plainProgram);

        Path helperBitcode = work.resolve("helpers.bc");
        HelperCompiler.Result helpers = new HelperCompiler(toolchain, runner, cache, work, System.getenv()).compile(
                List.of(example.helpersSource()), helperFlags(example), LinkagePolicy.LINKONCE_ODR, false,
                Map.of(), helperBitcode, Optional.empty());
        out.printf("graft helpers: %d helpers%s%n", helpers.helpers().size(), helpers.fromCache() ? " (cached)" : "");
        Path graftObject = work.resolve("graft-crate.o");
        StringWriter rustcOutput = new StringWriter();
        PrintWriter rustcWriter = new PrintWriter(rustcOutput);
        InliningReport report = new CrateBuild(toolchain, runner, work, System.getenv()).build(
                RustcInvocation.parse(example.rustcArgs(graftObject), work),
                CrateJob.helperLibrary(helperBitcode, toolchain, runner, backend), backend,
                Optional.empty(), true, rustcWriter, rustcWriter).orElseThrow();
        // No helpers.o here: whatever the crate still needs of the helpers must be in its own object.
        Path graftProgram = link(example, work.resolve("graft-app"), graftObject, Optional.empty());
        String graftOutput = runProgram(graftProgram);

        int plainReferences = helperReferences(plainObject, report);
        boolean match = plainOutput.equals(graftOutput);
        out.printf("plain build: the crate's object refers to helpers %d times (calls via PLT/GOT)%n", plainReferences);
        out.print(ReportText.render(report));
        out.print(graftOutput);
        out.println(match ? "plain and graft programs agree with each other and with the C reference (n="
                + ExampleProject.ITERATIONS + ")" : "OUTPUT MISMATCH:\n--- plain\n" + plainOutput + "--- graft\n"
                + graftOutput);
        out.println(ReportText.headline(report));
        return new Outcome(report, plainReferences, match);
    }

    /**
     * The kernel-flavoured build: helpers with a Linux 6.12 defconfig's C flags, the crate with its Rust
     * flags, linked in process. The object is kernel code (kernel code model, return thunks), so it is
     * checked, not run: every call site inlined, every function entered with endbr64, no plain ret.
     */
    public Outcome runKernelStyle(Path examples, Path work, PrintWriter out) throws GraftException {
        ExampleProject example = ExampleProject.load(examples);
        out.println("example: " + example.root() + " (Linux 6.12 x86_64 flags)");
        Path helperBitcode = work.resolve("kernel-helpers.bc");
        List<String> flags = new ArrayList<>(example.kernelCflags());
        flags.add("-I" + example.includeDirectory());
        HelperCompiler.Result helpers = new HelperCompiler(toolchain, runner, cache, work, System.getenv()).compile(
                List.of(example.helpersSource()), flags, LinkagePolicy.LINKONCE_ODR, false, Map.of(),
                helperBitcode, Optional.empty());
        out.printf("graft helpers: %d helpers; removed flags: %s%n", helpers.helpers().size(),
                String.join(" ", helpers.removedFlags()));
        Path object = work.resolve("kernel-crate.o");
        StringWriter rustcOutput = new StringWriter();
        PrintWriter rustcWriter = new PrintWriter(rustcOutput);
        java.util.Map<String, String> environment = new java.util.HashMap<>(System.getenv());
        environment.put("RUSTC_BOOTSTRAP", "1");
        InliningReport report = new CrateBuild(toolchain, runner, work, environment).build(
                RustcInvocation.parse(example.kernelRustcArgs(object), work),
                CrateJob.helperLibrary(helperBitcode, toolchain, runner, backend), backend,
                Optional.empty(), true, rustcWriter, rustcWriter).orElseThrow();
        out.print(ReportText.render(report));
        String code = run(Command.of(toolchain.llvm().llvmObjdump(), "-dr", "--no-show-raw-insn", object.toString()))
                .stdout();
        boolean thunks = code.contains("__x86_return_thunk") && !code.matches("(?s).*\\sretq?\\s*\\n.*");
        boolean endbr = code.contains("endbr64");
        boolean patchable = run(Command.of(toolchain.llvm().llvmObjdump(), "-h", object.toString())).stdout()
                .contains("__patchable_function_entries");
        out.printf("object: return thunks instead of ret: %s; endbr64: %s; patchable function entries: %s%n",
                yes(thunks), yes(endbr), yes(patchable));
        out.println(ReportText.headline(report));
        return new Outcome(report, 0, thunks && endbr && patchable);
    }

    private static String yes(boolean b) {
        return b ? "yes" : "NO";
    }

    private List<String> helperFlags(ExampleProject example) {
        List<String> flags = new ArrayList<>(example.cflags());
        flags.add("-I" + example.includeDirectory());
        return flags;
    }

    private Command clang(List<String> mode, ExampleProject example, List<String> rest) {
        List<String> args = new ArrayList<>(mode);
        args.add("--target=" + toolchain.rustc().hostTriple());
        args.addAll(helperFlags(example));
        args.addAll(rest);
        return Command.of(toolchain.llvm().clang(), args);
    }

    private Path link(ExampleProject example, Path program, Path crateObject, Optional<Path> helpersObject)
            throws GraftException {
        List<String> args = new ArrayList<>(List.of("--target=" + toolchain.rustc().hostTriple(), "-O2",
                "-I" + example.includeDirectory(), "-o", program.toString(), example.driverSource().toString(),
                crateObject.toString()));
        helpersObject.ifPresent(o -> args.add(o.toString()));
        run(Command.of(toolchain.llvm().clang(), args));
        return program;
    }

    /** Runs a demo program; it exits non-zero when a Rust result differs from the C reference. */
    private String runProgram(Path program) throws GraftException {
        return run(Command.of(program, Integer.toString(ExampleProject.ITERATIONS))).stdout();
    }

    private int helperReferences(Path object, InliningReport report) throws GraftException {
        ObjectContents contents = new ObjectInspector(toolchain.llvm(), runner).inspect(object);
        List<String> helpers = report.perHelper().stream().map(InliningReport.HelperOutcome::helper).toList();
        return (int) contents.references().stream().filter(r -> helpers.contains(r.target())).count();
    }

    private CommandResult run(Command command) throws GraftException {
        CommandResult result = runner.execute(command);
        if (!result.succeeded()) {
            throw GraftException.toolFailed("demo step failed: " + command.render(), result.diagnostics());
        }
        return result;
    }
}
