package dev.graft.cargo;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Pairs the objects rustc made for a crate's codegen units with the bitcode files {@code --emit=llvm-bc}
 * wrote for them. rustc names both after the unit: {@code <stem>.<crate>.<hash>-cgu.<n>.rcgu.o} in the
 * rlib or on the link line, {@code <out-dir>/<same>.rcgu.bc} beside it; with one codegen unit the
 * bitcode is {@code <out-dir>/<stem>.bc} (and, when one unit of several allowed was used, both).
 * Anything else is unclear: the object stays rustc's, with a warning (a helper call kept is a slower
 * binary, a wrong pairing a wrong one).
 */
public final class CodegenUnits {

    /** One object of the crate and, when the pairing is clear, its bitcode. */
    public record Unit(String objectName, Optional<Path> bitcode) {
    }

    /** The pairing, and what could not be paired. */
    public record Pairing(List<Unit> units, List<String> warnings) {
    }

    private CodegenUnits() {
    }

    /** Whether {@code objectName} (a file name) is one of the crate's codegen-unit objects. */
    static boolean isUnitObject(String objectName, String stem) {
        return unitPattern(stem).matcher(objectName).matches();
    }

    /**
     * {@code <stem>.<crate>.<hash>-cgu.<n>.rcgu.o}, or with incremental compilation
     * {@code <stem>.<unit hash>.<hash>.rcgu.o}; not the allocator shim {@code <stem>.<hash>.rcgu.o}, which
     * has no bitcode and calls no helper.
     */
    private static Pattern unitPattern(String stem) {
        return Pattern.compile(Pattern.quote(stem + ".") + "[^./]+\\.[^/]+\\.rcgu\\.o");
    }

    /** The bitcode files rustc wrote for this crate in {@code outDir}. */
    public static List<Path> bitcodeFiles(Path outDir, String stem) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(outDir, stem + "*.bc")) {
            for (Path p : stream) {
                String name = p.getFileName().toString();
                if (name.equals(stem + ".bc") || name.startsWith(stem + ".") && name.endsWith(".rcgu.bc")) {
                    files.add(p);
                }
            }
        } catch (IOException e) {
            // No directory: no bitcode, and every object stays rustc's.
        }
        files.sort(null);
        return files;
    }

    /**
     * @param objectNames the file names of the objects (archive members or link-line objects) that
     *                    may be this crate's
     */
    public static Pairing pair(Collection<String> objectNames, String stem, Path outDir) {
        List<String> unitObjects = objectNames.stream().filter(n -> isUnitObject(n, stem)).sorted().toList();
        List<Path> bitcode = bitcodeFiles(outDir, stem);
        List<Unit> units = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Path single = outDir.resolve(stem + ".bc");
        if (bitcode.size() > 1) {
            // With one unit actually used of several allowed, rustc writes the unit's file and a copy named
            // after the crate: the unit's own file is the one to pair.
            bitcode = bitcode.stream().filter(b -> !b.equals(single)).toList();
        }
        if (bitcode.equals(List.of(single))) {
            if (unitObjects.size() == 1) {
                units.add(new Unit(unitObjects.getFirst(), Optional.of(single)));
            } else {
                warnings.add("one bitcode file " + single.getFileName() + " for " + unitObjects.size()
                        + " codegen-unit objects: keeping rustc's objects");
                unitObjects.forEach(o -> units.add(new Unit(o, Optional.empty())));
            }
            return new Pairing(units, warnings);
        }
        for (String object : unitObjects) {
            Path candidate = outDir.resolve(object.substring(0, object.length() - 2) + ".bc");
            units.add(new Unit(object, bitcode.contains(candidate) ? Optional.of(candidate) : Optional.empty()));
        }
        for (Path file : bitcode) {
            String objectName = file.getFileName().toString().replaceFirst("\\.bc$", ".o");
            if (!unitObjects.contains(objectName)) {
                warnings.add("rustc wrote " + file.getFileName() + " but no object " + objectName
                        + ": its code stays as rustc compiled it");
            }
        }
        return new Pairing(units, warnings);
    }
}
