package dev.graft.files;

import dev.graft.GraftException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses, before anything is written, a run that would write an output over one of its own inputs
 * (rustc's "the input file would be overwritten") or two outputs into one file. Files are compared
 * as the file system resolves them: {@code ./x}, {@code dir/../x} and a symbolic link to x are all x.
 * Devices, FIFOs and standard streams are written through, not replaced, so several outputs may
 * share one ({@code /dev/null}).
 */
public final class DistinctFiles {

    /**
     * A file the run reads or writes, what it is to the user ("the object", "the crate source"), and
     * its path as the user wrote it.
     */
    public record Role(String description, Path path) {
    }

    private DistinctFiles() {
    }

    /** Relative paths are relative to {@code workingDirectory}. */
    public static void require(Path workingDirectory, List<Role> inputs, List<Role> outputs) throws GraftException {
        List<Optional<Path>> written = new ArrayList<>();
        for (Role output : outputs) {
            written.add(replacedFile(output.path(), workingDirectory));
        }
        for (int i = 0; i < outputs.size(); i++) {
            if (written.get(i).isEmpty()) {
                continue;
            }
            for (Role input : inputs) {
                if (written.get(i).equals(existingFile(workingDirectory.resolve(input.path())))) {
                    throw GraftException.badInput(outputs.get(i).description() + " " + outputs.get(i).path()
                            + " would overwrite " + input.description() + " " + input.path()
                            + " (the same file): choose another output path");
                }
            }
            for (int j = 0; j < i; j++) {
                if (written.get(i).equals(written.get(j))) {
                    throw GraftException.badInput(outputs.get(j).description() + " " + outputs.get(j).path()
                            + " and " + outputs.get(i).description() + " " + outputs.get(i).path()
                            + " are the same file: choose different output paths");
                }
            }
        }
    }

    /**
     * The real path an output replaces; empty when it is written through (a device or stream). A
     * descriptor other than standard output and error is refused here, before any work.
     */
    private static Optional<Path> replacedFile(Path output, Path workingDirectory) throws GraftException {
        OutputTarget target = OutputTarget.of(output, workingDirectory);
        if (target.kind() == OutputTarget.Kind.STANDARD_STREAM) {
            AtomicOutput.requireStandardStream(target, output);
        }
        if (!target.replaces()) {
            return Optional.empty();
        }
        Path file = target.file();
        Optional<Path> existing = existingFile(file);
        if (existing.isPresent()) {
            return existing;
        }
        Path parent = file.getParent();
        return Optional.of(existingFile(parent).map(p -> p.resolve(file.getFileName())).orElse(file.normalize()));
    }

    private static Optional<Path> existingFile(Path path) {
        try {
            return Files.exists(path) ? Optional.of(path.toRealPath()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
