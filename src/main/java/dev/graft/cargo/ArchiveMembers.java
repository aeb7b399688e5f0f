package dev.graft.cargo;

import dev.graft.GraftException;
import dev.graft.files.AtomicOutput;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.LlvmTools;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists and replaces members of an rlib or staticlib with the LLVM installation's {@code llvm-ar}, and reads
 * the members graft edits.
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

    /**
     * The bytes of the members called {@code names}, read in Java from a GNU or BSD-style {@code ar} archive
     * (what rustc writes); a name the archive lacks, or an archive in another format (a thin archive), is
     * simply absent from the answer.
     */
    public static Map<String, byte[]> read(Path archive, Set<String> names) throws GraftException {
        Map<String, byte[]> found = new HashMap<>();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(archive);
        } catch (java.io.IOException e) {
            throw GraftException.io("cannot read " + archive, e);
        }
        byte[] magic = "!<arch>\n".getBytes(StandardCharsets.US_ASCII);
        if (bytes.length < magic.length || !Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length)) {
            return found;
        }
        String longNames = "";
        int at = magic.length;
        while (at + 60 <= bytes.length && found.size() < names.size()) {
            String header = new String(bytes, at, 60, StandardCharsets.US_ASCII);
            String rawName = header.substring(0, 16).stripTrailing();
            long size = Long.parseLong(header.substring(48, 58).strip());
            int data = at + 60;
            if (data + size > bytes.length) {
                break;
            }
            String name = rawName;
            int nameInData = 0;
            if (rawName.equals("//")) {
                longNames = new String(bytes, data, (int) size, StandardCharsets.UTF_8);
            } else if (rawName.startsWith("#1/")) {
                // BSD: the name is the first bytes of the data.
                nameInData = Integer.parseInt(rawName.substring(3));
                name = new String(bytes, data, nameInData, StandardCharsets.UTF_8).replaceAll("\\x00+$", "");
            } else if (rawName.startsWith("/") && rawName.length() > 1 && Character.isDigit(rawName.charAt(1))) {
                int offset = Integer.parseInt(rawName.substring(1));
                int end = longNames.indexOf('\n', offset);
                name = longNames.substring(offset, end < 0 ? longNames.length() : end).replaceAll("/$", "");
            } else if (rawName.endsWith("/") && !rawName.equals("/")) {
                name = rawName.substring(0, rawName.length() - 1);
            }
            if (names.contains(name) && !found.containsKey(name)) {
                found.put(name, Arrays.copyOfRange(bytes, data + nameInData, (int) (data + size)));
            }
            at = (int) (data + size + (size % 2)); // members start on even offsets
        }
        return found;
    }

    /**
     * Replaces the members named like the given files (each file's name is its member's name); a file whose
     * name no member has is added at the end.
     */
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
