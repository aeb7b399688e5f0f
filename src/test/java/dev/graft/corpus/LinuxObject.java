package dev.graft.corpus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An object's code as {@code llvm-objdump -dr --no-show-raw-insn} prints it, cut into functions, so
 * tests can ask what the kernel asks of every function: its entry, its returns, its indirect branches.
 */
record LinuxObject(Map<String, List<String>> functions, String headers) {

    private static final Pattern LABEL = Pattern.compile("^[0-9a-f]+ <(.+)>:$");
    private static final Pattern PLAIN_RETURN = Pattern.compile("\\sretq?\\s*$");
    private static final Pattern BARE_INDIRECT = Pattern.compile("\\s(call|jmp)q?\\s+\\*");

    /** {@code disassembly} from objdump -dr, {@code headers} from objdump -h. */
    static LinuxObject parse(String disassembly, String headers) {
        Map<String, List<String>> functions = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : disassembly.lines().toList()) {
            Matcher label = LABEL.matcher(line);
            if (label.matches()) {
                current = new ArrayList<>();
                functions.put(label.group(1), current);
            } else if (current != null && !line.isBlank()) {
                current.add(line);
            }
        }
        return new LinuxObject(functions, headers);
    }

    /** Functions proper, without the assembler's local labels (the patchable prefix's nops sit under one). */
    List<String> functionNames() {
        return functions.keySet().stream().filter(name -> !name.startsWith(".L")).toList();
    }

    List<String> instructions(String function) {
        return functions.get(function).stream().filter(l -> !l.contains("R_X86_64_")).toList();
    }

    /** The code just before {@code function}: its patchable prefix, if it has one. */
    List<String> prefix(String function) {
        List<String> names = new ArrayList<>(functions.keySet());
        int index = names.indexOf(function);
        return index > 0 && names.get(index - 1).startsWith(".L") ? instructions(names.get(index - 1)) : List.of();
    }

    boolean startsWithEndbr(String function) {
        List<String> code = instructions(function);
        return !code.isEmpty() && code.getFirst().contains("endbr64");
    }

    List<String> plainReturns() {
        return matching(PLAIN_RETURN);
    }

    /** Indirect calls and jumps not through a retpoline thunk. */
    List<String> bareIndirectBranches() {
        return matching(BARE_INDIRECT);
    }

    /** Relocation targets of the calls and jumps in {@code function}. */
    List<String> branchTargets(String function) {
        return functions.get(function).stream().filter(l -> l.contains("R_X86_64_PLT32"))
                .map(l -> l.substring(l.indexOf("R_X86_64_PLT32") + "R_X86_64_PLT32".length()).strip()
                        .replaceAll("-0x4$", ""))
                .toList();
    }

    long patchableEntrySections() {
        return headers.lines().filter(l -> l.matches("\\s*\\d+\\s+__patchable_function_entries\\s.*")).count();
    }

    private List<String> matching(Pattern pattern) {
        List<String> found = new ArrayList<>();
        functions.forEach((name, code) -> code.stream().filter(l -> pattern.matcher(l).find())
                .forEach(l -> found.add(name + ": " + l.strip())));
        return found;
    }
}
