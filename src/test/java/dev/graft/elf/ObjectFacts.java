package dev.graft.elf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What llvm-readelf says of an object, for comparing it before and after an edit: its defined named symbols
 * (binding, visibility, section name, value), its undefined ones, and how many relocations each relocation
 * section holds (by name: several sections may share one, such as {@code .rela.stack_sizes}). Read from the tool's text, never from graft's own reader.
 */
record ObjectFacts(Map<String, String> defined, Map<String, String> undefined,
                   Map<String, List<Integer>> relocationCounts) {

    private static final Pattern SECTION = Pattern.compile("^\\s*\\[\\s*(\\d+)] (\\S+)");
    private static final Pattern SYMBOL = Pattern.compile(
            "^\\s*\\d+: ([0-9a-f]+)\\s+\\d+ (\\w+)\\s+(\\w+)\\s+(\\w+)\\s+(\\w+) (\\S+)$");
    private static final Pattern RELOCATIONS = Pattern.compile(
            "^Relocation section '(\\S+)' at offset 0x[0-9a-f]+ contains (\\d+) entr");

    /** From {@code llvm-readelf -S -s -r -W}. */
    static ObjectFacts of(String readelf) {
        Map<String, String> sectionNames = new HashMap<>();
        Map<String, String> defined = new HashMap<>();
        Map<String, String> undefined = new HashMap<>();
        Map<String, List<Integer>> relocations = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (String line : readelf.split("\n")) {
            Matcher section = SECTION.matcher(line);
            Matcher symbol = SYMBOL.matcher(line);
            Matcher relocation = RELOCATIONS.matcher(line);
            if (section.find()) {
                sectionNames.put(section.group(1), section.group(2));
            } else if (symbol.find()) {
                String type = symbol.group(2);
                // AArch64's mapping symbols ($x code, $d data) mark places, and repeat.
                if (type.equals("SECTION") || type.equals("FILE") || symbol.group(6).startsWith("$")) {
                    continue;
                }
                String name = symbol.group(6);
                if (!seen.add(name)) {
                    throw new AssertionError("symbol " + name + " twice in\n" + readelf);
                }
                String where = symbol.group(5);
                String fact = symbol.group(3) + " " + symbol.group(4);
                if (where.equals("UND")) {
                    undefined.put(name, fact);
                } else {
                    defined.put(name, fact + " " + sectionNames.getOrDefault(where, where) + " " + symbol.group(1));
                }
            } else if (relocation.find()) {
                relocations.computeIfAbsent(relocation.group(1), k -> new ArrayList<>())
                        .add(Integer.parseInt(relocation.group(2)));
            }
        }
        return new ObjectFacts(defined, undefined, relocations);
    }
}
