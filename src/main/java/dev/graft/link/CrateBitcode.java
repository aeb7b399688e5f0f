package dev.graft.link;

import dev.graft.GraftException;
import dev.graft.files.Workspace;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.LlvmTools;

import java.nio.file.Files;
import java.nio.file.Path;

/** Crate code handed to {@code graft link}: bitcode as it is, or textual IR assembled first. */
public final class CrateBitcode {

    private CrateBitcode() {
    }

    /** The bitcode to link: {@code input} itself, or for a {@code .ll} file its assembly in the workspace. */
    public static Path prepare(Path input, Workspace workspace, LlvmTools tools, ProcessRunner runner)
            throws GraftException {
        if (!Files.isRegularFile(input)) {
            throw GraftException.badInput("crate bitcode " + input + " does not exist");
        }
        if (!input.getFileName().toString().endsWith(".ll")) {
            return input;
        }
        // Named after the input, so a message from LLVM about this module names what the user gave.
        Path bitcode = workspace.file(input.getFileName().toString().replaceFirst("\\.ll$", "") + ".bc");
        CommandResult result = runner.execute(Command.of(tools.llvmAs(), input.toString(), "-o", bitcode.toString()));
        if (!result.succeeded()) {
            throw GraftException.badInput(input + " does not parse as LLVM " + tools.version().major() + " IR: "
                    + result.firstDiagnosticLine());
        }
        return bitcode;
    }
}
