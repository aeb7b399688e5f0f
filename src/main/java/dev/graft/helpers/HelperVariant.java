package dev.graft.helpers;

import dev.graft.GraftException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One variant of a helper library: the same sources compiled with extra flags (the kernel builds
 * modules with {@code -DMODULE}), written next to the library as {@code helpers.NAME.bc}. A crate
 * built with {@code --cfg NAME} (any case) gets variant {@code name} when its file exists: the
 * cfg is how Rust sees the same build switch the C flag sets.
 */
public record HelperVariant(String name, List<String> flags) {

    /** Lower case, so the cfg a variant answers to is defined and the file name is the same on every system. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]+");

    public HelperVariant {
        flags = List.copyOf(flags);
    }

    /** Reads {@code NAME=FLAGS}, the flags split into words as a shell does. */
    public static HelperVariant parse(String spec) throws GraftException {
        int eq = spec.indexOf('=');
        if (eq < 0) {
            throw GraftException.badInput("--variant '" + spec + "' has no '=': write --variant NAME=FLAGS, e.g. "
                    + "--variant module=-DMODULE");
        }
        String name = requireName(spec.substring(0, eq), "--variant");
        try {
            return new HelperVariant(name, HelperFlags.splitWords(spec.substring(eq + 1)));
        } catch (IOException e) {
            throw GraftException.badInput("--variant " + name + ": " + e.getMessage());
        }
    }

    public static String requireName(String name, String option) throws GraftException {
        if (!NAME.matcher(name).matches()) {
            throw GraftException.badInput(option + " name '" + name + "' is not lower-case letters, digits and '_'");
        }
        return name;
    }

    /** {@code dir/helpers.bc} -> {@code dir/helpers.NAME.bc} (the name goes before the last extension). */
    public static Path file(Path library, String name) {
        String fileName = library.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        String variantName = dot <= 0 ? fileName + "." + name
                : fileName.substring(0, dot) + "." + name + fileName.substring(dot);
        return library.resolveSibling(variantName);
    }

    public Path file(Path library) {
        return file(library, name);
    }

    /**
     * The helper file a crate uses: the explicit variant if one is named (its file must exist), else the
     * one variant whose name is a {@code --cfg} of the crate (in lower case) and whose file exists, else
     * the library itself. Paths are resolved against {@code cwd} only to test existence.
     */
    public static Path choose(Path cwd, Path library, Optional<String> explicit, Collection<String> crateCfgs)
            throws GraftException {
        if (explicit.isPresent()) {
            Path chosen = file(library, requireName(explicit.get(), "--helpers-variant"));
            if (!Files.isRegularFile(cwd.resolve(chosen))) {
                throw GraftException.badInput("--helpers-variant " + explicit.get() + ": " + chosen
                        + " does not exist (build it with graft helpers --variant " + explicit.get() + "=FLAGS)");
            }
            return chosen;
        }
        List<Path> matching = new ArrayList<>();
        for (String cfg : crateCfgs.stream().map(c -> c.toLowerCase(Locale.ROOT)).distinct().toList()) {
            Path candidate = file(library, cfg);
            if (NAME.matcher(cfg).matches() && Files.isRegularFile(cwd.resolve(candidate))) {
                matching.add(candidate);
            }
        }
        if (matching.size() > 1) {
            throw GraftException.badInput("several helper variants match the crate's --cfg (" + matching.stream()
                    .map(Path::toString).collect(Collectors.joining(", ")) + "): choose one with "
                    + "--helpers-variant NAME");
        }
        return matching.isEmpty() ? library : matching.getFirst();
    }
}
