package dev.graft.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An object's symbol table as {@code llvm-objdump -t} prints it: enough to name what a relocation
 * against a section symbol ({@code .text+0x40}) points at, and to tell undefined symbols from sections.
 */
record SymbolTable(List<Symbol> symbols) {

    /** {@code address flags section<TAB>size [.hidden ]name}; the flags column is seven characters wide. */
    private static final Pattern ENTRY = Pattern.compile(
            "^([0-9a-fA-F]+) (.{7}) (\\S+)\\t([0-9a-fA-F]+) (?:\\.(?:hidden|protected|internal) )?(.+)$");

    /**
     * One symbol. {@code sectionSymbol} is the symbol ELF gives each section (printed with the
     * section's name), {@code function} an {@code F} symbol; {@code section} is {@code *UND*} when undefined.
     */
    record Symbol(String name, String section, long address, long size, boolean function, boolean sectionSymbol) {
        boolean undefined() {
            return section.equals("*UND*");
        }

        boolean defined() {
            return !undefined() && !sectionSymbol && !section.equals("*ABS*");
        }
    }

    SymbolTable {
        symbols = List.copyOf(symbols);
    }

    /** Reads the {@code SYMBOL TABLE:} block of objdump's output; other lines are ignored. */
    static SymbolTable parse(String objdump) {
        List<Symbol> symbols = new ArrayList<>();
        boolean inTable = false;
        for (String line : objdump.split("\n")) {
            if (line.equals("SYMBOL TABLE:")) {
                inTable = true;
                continue;
            }
            if (!inTable) {
                continue;
            }
            Matcher m = ENTRY.matcher(line);
            if (!m.matches()) {
                if (line.isBlank()) {
                    inTable = false;
                }
                continue;
            }
            String flags = m.group(2);
            symbols.add(new Symbol(m.group(5), m.group(3), Long.parseUnsignedLong(m.group(1), 16),
                    Long.parseUnsignedLong(m.group(4), 16), flags.charAt(6) == 'F', flags.charAt(5) == 'd'
                    && flags.charAt(6) != 'f'));
        }
        return new SymbolTable(symbols);
    }

    /** Name lookups, built once: objdump's output is read instruction by instruction. */
    Index index() {
        return new Index(this);
    }

    static final class Index {
        private final Map<String, Symbol> functions = new HashMap<>();
        private final Map<String, List<Symbol>> functionsBySection = new HashMap<>();
        private final Set<String> sections = new HashSet<>();

        private Index(SymbolTable table) {
            for (Symbol s : table.symbols()) {
                if (s.function()) {
                    functions.putIfAbsent(s.name(), s);
                    functionsBySection.computeIfAbsent(s.section(), k -> new ArrayList<>()).add(s);
                } else if (s.sectionSymbol()) {
                    sections.add(s.name());
                }
            }
        }

        boolean isFunction(String name) {
            return functions.containsKey(name);
        }

        boolean isSection(String name) {
            return sections.contains(name);
        }

        /** The function whose code in {@code section} covers {@code offset} (a symbol of size 0 covers its start). */
        Optional<Symbol> functionAt(String section, long offset) {
            return functionsBySection.getOrDefault(section, List.of()).stream()
                    .filter(s -> offset == s.address() || offset >= s.address() && offset < s.address() + s.size())
                    .findFirst();
        }
    }
}
