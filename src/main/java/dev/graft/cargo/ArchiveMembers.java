package dev.graft.cargo;

import dev.graft.GraftException;
import dev.graft.files.AtomicOutput;
import dev.graft.files.FileBytes;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.LlvmTools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lists, reads and replaces members of an rlib or staticlib: in Java for the GNU archives rustc writes
 * ({@link GnuArchive}), with the LLVM installation's {@code llvm-ar} for any other.
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

    /**
     * An archive as read once: its members' names in order and, for a GNU archive (what rustc writes), the
     * members themselves, which {@link #replace} then writes again without reading the file a second time.
     */
    record Listing(Path file, List<String> names, Optional<GnuArchive> contents) {

        /**
         * The bytes of the members called {@code wanted}; a name the archive lacks, or any from an archive
         * llvm-ar had to list, is simply absent from the answer (the unit is then generated whole).
         */
        Map<String, byte[]> members(Set<String> wanted) {
            Map<String, byte[]> found = new HashMap<>();
            contents.ifPresent(a -> a.members().stream().filter(m -> wanted.contains(m.name()))
                    .forEach(m -> found.putIfAbsent(m.name(), m.data())));
            return found;
        }
    }

    Listing list(Path archive) throws GraftException {
        Optional<GnuArchive> parsed = GnuArchive.parse(FileBytes.read(archive));
        if (parsed.isPresent()) {
            return new Listing(archive, parsed.get().names(), parsed);
        }
        CommandResult result = runner.execute(Command.of(llvmAr, "t", archive.toString()));
        if (!result.succeeded()) {
            throw GraftException.toolFailed("llvm-ar could not read " + archive, result.diagnostics());
        }
        return new Listing(archive, result.stdout().lines().filter(l -> !l.isBlank()).toList(), Optional.empty());
    }

    /**
     * Replaces the members named like the given files (each file's name is its member's name); a file whose
     * name no member has is added at the end.
     */
    void replace(Listing listing, List<Path> members) throws GraftException {
        if (members.isEmpty()) {
            return;
        }
        Path archive = listing.file();
        Path temp = AtomicOutput.temporarySibling(archive);
        try {
            List<GnuArchive.Member> replacements = new ArrayList<>();
            for (Path m : members) {
                replacements.add(new GnuArchive.Member(m.getFileName().toString(), FileBytes.read(m)));
            }
            Optional<byte[]> written = listing.contents().flatMap(a -> a.withMembers(replacements).write());
            if (written.isPresent()) {
                Files.write(temp, written.get());
                AtomicOutput.commit(temp, archive);
                return;
            }
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
