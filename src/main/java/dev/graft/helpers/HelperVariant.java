package dev.graft.helpers;

import dev.graft.GraftException;
import dev.graft.cache.Sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One variant of a helper library: the same sources compiled with extra flags (the kernel builds
 * modules with {@code -DMODULE}), written next to the library as {@code helpers.NAME.bc}. A crate
 * built with {@code --cfg NAME} (any case) gets variant {@code name} when its file exists: the
 * cfg is how Rust sees the same build switch the C flag sets. The library records the variants written with
 * it ({@link HelperLibrary#variants()}); a variant file it does not record is refused, never used.
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
     * Refuses a library named as one of its own variants' files would be for a shorter name ({@code -o
     * h.module.bc --variant module=...}): {@code graft rustc --helpers h.bc} would take its code, built without
     * the variant's flags, for the variant's.
     */
    public static void requireDistinctName(Path library, List<HelperVariant> variants) throws GraftException {
        String fileName = library.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        String stem = dot <= 0 ? fileName : fileName.substring(0, dot);
        for (HelperVariant variant : variants) {
            if (stem.endsWith("." + variant.name())) {
                String shorter = stem.substring(0, stem.length() - variant.name().length() - 1)
                        + (dot <= 0 ? "" : fileName.substring(dot));
                throw GraftException.badInput("-o " + library + " is the file name of variant " + variant.name()
                        + " of " + library.resolveSibling(shorter) + ", but holds code built without the variant's "
                        + "flags: name the library -o " + library.resolveSibling(shorter) + " (its variant is then "
                        + variant.file(library.resolveSibling(shorter)) + ")");
            }
        }
    }

    /** The variants a library records (read only when a crate would use one). */
    @FunctionalInterface
    public interface Recorded {
        /** Variant name to the SHA-256 of the file written with the library. */
        Map<String, String> variants() throws GraftException;
    }

    /**
     * The helper file a crate uses: the explicit variant if one is named (its file must exist), else the
     * one variant whose name is a {@code --cfg} of the crate (in lower case) and whose file exists, else
     * the library itself; a variant only if the library records that very file. Paths are resolved against
     * {@code cwd} only to read files.
     */
    public static Path choose(Path cwd, Path library, Optional<String> explicit, Collection<String> crateCfgs,
                              Recorded recorded) throws GraftException {
        if (explicit.isPresent()) {
            String name = requireName(explicit.get(), "--helpers-variant");
            Path chosen = file(library, name);
            if (!Files.isRegularFile(cwd.resolve(chosen))) {
                throw GraftException.badInput("--helpers-variant " + explicit.get() + ": " + chosen
                        + " does not exist (build it with graft helpers --variant " + explicit.get() + "=FLAGS)");
            }
            return requireRecorded(cwd, library, name, chosen, recorded);
        }
        Map<String, Path> matching = new LinkedHashMap<>();
        for (String cfg : crateCfgs.stream().map(c -> c.toLowerCase(Locale.ROOT)).distinct().toList()) {
            Path candidate = file(library, cfg);
            if (NAME.matcher(cfg).matches() && Files.isRegularFile(cwd.resolve(candidate))) {
                matching.put(cfg, candidate);
            }
        }
        if (matching.size() > 1) {
            throw GraftException.badInput("several helper variants match the crate's --cfg (" + matching.values()
                    .stream().map(Path::toString).collect(Collectors.joining(", ")) + "): choose one with "
                    + "--helpers-variant NAME");
        }
        if (matching.isEmpty()) {
            return library;
        }
        Map.Entry<String, Path> only = matching.entrySet().iterator().next();
        return requireRecorded(cwd, library, only.getKey(), only.getValue(), recorded);
    }

    /**
     * {@code chosen} if it is the very file the library was written with as its variant {@code name}: a file
     * of that name left from an earlier run that no longer builds the variant, or written since by another
     * command, would be old or other code used in silence.
     */
    private static Path requireRecorded(Path cwd, Path library, String name, Path chosen, Recorded recorded)
            throws GraftException {
        String expected = recorded.variants().get(name);
        String rebuild = "rebuild both with graft helpers -o " + library + " --variant " + name + "=FLAGS";
        if (expected == null) {
            throw GraftException.badInput(chosen + " is not a variant of " + library + ", which was built without "
                    + "--variant " + name + " (a file left from an earlier run?): " + rebuild + ", or remove "
                    + chosen);
        }
        String actual;
        try {
            actual = Sha256.ofFile(cwd.resolve(chosen));
        } catch (IOException e) {
            throw GraftException.io("cannot read helper variant " + chosen, e);
        }
        if (!actual.equals(expected)) {
            throw GraftException.badInput(chosen + " is not the " + name + " variant " + library + " was built with "
                    + "(written since by another command?): " + rebuild);
        }
        return chosen;
    }
}
