package dev.graft.testkit;

import dev.graft.process.Command;
import dev.graft.process.CommandException;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.Toolchain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test's directory with what most integration tests do in it: run graft (in process, or in a JVM of
 * its own as a build runs it), build helpers, and run the real tools, each checked to succeed with its
 * output in the failure message. Its helper cache lives in the directory, so tests never share one.
 */
public final class Workbench {

    private final Path dir;

    public Workbench(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** rustc and the LLVM of its version; a missing toolchain fails the test (never skips it). */
    public Toolchain toolchain() {
        return TestToolchain.require();
    }

    /** graft's command line run in this process, as a user would type it. */
    public GraftRun graft(String... args) {
        return GraftRun.run(dir, args);
    }

    /** graft in a JVM of its own, as a build runs it: an abort shows as an exit status. */
    public CommandResult graftProcess(String... args) throws CommandException {
        return ProcessRunner.quiet().run(new Command(GraftProcess.argv(args), Optional.of(dir),
                Map.of("GRAFT_CACHE_DIR", dir.resolve(".cache").toString()), Command.DEFAULT_TIMEOUT));
    }

    /** {@code graft helpers -o output source -- flags}, checked to succeed. */
    public GraftRun helpers(String output, String source, String... flags) {
        List<String> args = new ArrayList<>(List.of("helpers", "-o", output, source, "--"));
        args.addAll(List.of(flags));
        return graft(args.toArray(String[]::new)).succeeded();
    }

    /** Runs a tool in the directory; checks it exits 0 and returns its standard output. */
    public String tool(Path tool, String... args) throws CommandException {
        return Checked.run(Command.of(tool, args).inDirectory(dir)).stdout();
    }

    /** llvm-objdump of the toolchain's LLVM. */
    public String objdump(String... args) throws CommandException {
        return tool(toolchain().llvm().llvmObjdump(), args);
    }

    /** One function of an llvm-objdump disassembly: from its label to the next blank line; fails when absent. */
    public static String functionBody(String disassembly, String function) {
        int start = disassembly.indexOf("<" + function + ">:");
        if (start < 0) {
            throw new AssertionError("no function " + function + " in\n" + disassembly);
        }
        int end = disassembly.indexOf("\n\n", start);
        return disassembly.substring(start, end < 0 ? disassembly.length() : end);
    }
}
