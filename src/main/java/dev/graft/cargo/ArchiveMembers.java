package dev.graft.cargo;

import dev.graft.GraftException;
import dev.graft.files.AtomicOutput;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.LlvmTools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists and replaces members of an rlib or staticlib with the LLVM installation's {@code llvm-ar}.
 * Replacement keeps every other member (the rlib's {@code lib.rmeta} first), the order and the names,
 * rebuilds the symbol table, and happens on a copy renamed over the archive, so a failure or an
 * interruption leaves rustc's archive as it was.
 */
public final class ArchiveMembers {

    private final Path llvmAr;
    private final ProcessRunner runner;

    public ArchiveMembers(LlvmTools tools, ProcessRunner runner) throws GraftException {
        this.llvmAr = tools.binDirectory().resolve("llvm-ar");
        this.runner = runner;
        if (!Files.isExecutable(llvmAr)) {
            throw GraftException.toolchain("llvm-ar is missing from " + tools.binDirectory()
                    + " (the llvm package is incomplete)");
        }
    }

    public List<String> list(Path archive) throws GraftException {
        CommandResult result = runner.execute(Command.of(llvmAr, "t", archive.toString()));
        if (!result.succeeded()) {
            throw GraftException.toolFailed("llvm-ar could not read " + archive, result.diagnostics());
        }
        return result.stdout().lines().filter(l -> !l.isBlank()).toList();
    }

    /** Replaces the members named like the given files (each file's name is its member's name). */
    public void replace(Path archive, List<Path> members) throws GraftException {
        if (members.isEmpty()) {
            return;
        }
        Path temp = AtomicOutput.temporarySibling(archive);
        try {
            Files.copy(archive, temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            List<String> args = new ArrayList<>(List.of("r", temp.toString()));
            members.forEach(m -> args.add(m.toString()));
            CommandResult result = runner.execute(Command.of(llvmAr, args));
            if (!result.succeeded()) {
                throw GraftException.toolFailed("llvm-ar could not replace members of " + archive,
                        result.diagnostics());
            }
            AtomicOutput.commit(temp, archive);
        } catch (java.io.IOException e) {
            throw GraftException.io("cannot copy " + archive, e);
        } finally {
            AtomicOutput.discard(temp);
        }
    }
}
