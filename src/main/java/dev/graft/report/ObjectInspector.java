package dev.graft.report;

import dev.graft.GraftException;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.LlvmTools;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads {@link ObjectContents} from one {@code llvm-objdump -d -r -t} of the matching LLVM version.
 *
 * <p>A reference is a relocation in a function's code, or, for an instruction without one, the
 * function objdump names as its target ({@code call 0x20 <rust_helper_sum>}): a call or tail-call
 * {@code jmp} within one section (an internal helper without function sections) is resolved by the
 * assembler and leaves no relocation, so counting relocations alone would call it inlined.
 */
public final class ObjectInspector {

    private static final Pattern SECTION = Pattern.compile("^Disassembly of section (.+):$");
    private static final Pattern FUNCTION_LABEL = Pattern.compile("^[0-9a-fA-F]+ <(.+)>:$");
    private static final Pattern RELOCATION = Pattern.compile(
            "^\\s+[0-9a-fA-F]+:\\s+(R_\\S+)\\s+(.+?)(?:([+-])0x([0-9a-fA-F]+))?\\s*$");
    private static final Pattern INSTRUCTION = Pattern.compile("^\\s+[0-9a-fA-F]+:\\s+(\\S+)(.*)$");
    /** The symbol objdump names as an instruction's target, when it is a symbol's start (no {@code +0x..}). */
    private static final Pattern SHOWN_TARGET = Pattern.compile("<([^<>]+)>\\s*$");

    private final LlvmTools tools;
    private final ProcessRunner runner;

    public ObjectInspector(LlvmTools tools, ProcessRunner runner) {
        this.tools = tools;
        this.runner = runner;
    }

    /**
     * The object's contents as far as references to {@code helpers} go. Without any of their names in the
     * object's symbol table nothing in it can refer to one (a relocation needs the symbol; a call resolved
     * inside a section lands on a copy, which has its symbol), so the disassembly is skipped: one
     * llvm-objdump run fewer for the usual crate, whose helpers were all inlined.
     */
    public ObjectContents inspectFor(Path object, Set<String> helpers) throws GraftException {
        Optional<ElfSymbols> symbols;
        try {
            symbols = ElfSymbols.read(object);
        } catch (IOException e) {
            throw GraftException.io("cannot read object " + object, e);
        }
        if (symbols.isPresent() && !symbols.get().namesAny(helpers)) {
            return new ObjectContents(symbols.get().defined(), symbols.get().undefined(), List.of());
        }
        return inspect(object);
    }

    public ObjectContents inspect(Path object) throws GraftException {
        CommandResult result = runner.execute(Command.of(tools.llvmObjdump(), "-d", "-r", "-t", "--no-show-raw-insn",
                object.toString()));
        if (!result.succeeded()) {
            throw GraftException.badInput("cannot read object " + object + ": " + result.firstDiagnosticLine());
        }
        return contents(result.stdout());
    }

    /** The object's contents from objdump's symbol table and disassembly with relocations. */
    static ObjectContents contents(String objdump) {
        SymbolTable table = SymbolTable.parse(objdump);
        Set<String> defined = table.symbols().stream().filter(SymbolTable.Symbol::defined)
                .map(SymbolTable.Symbol::name).collect(Collectors.toSet());
        Set<String> undefined = table.symbols().stream().filter(SymbolTable.Symbol::undefined)
                .map(SymbolTable.Symbol::name).collect(Collectors.toSet());
        return new ObjectContents(defined, undefined, references(objdump, table.index()));
    }

    static List<ObjectContents.CodeReference> references(String disassembly, SymbolTable.Index table) {
        List<ObjectContents.CodeReference> references = new ArrayList<>();
        String function = "";
        // objdump prints an instruction's relocations after it: the last instruction is the one they patch.
        String mnemonic = "";
        Optional<ObjectContents.CodeReference> shown = Optional.empty();
        for (String line : disassembly.split("\n")) {
            Matcher relocation = RELOCATION.matcher(line);
            if (relocation.matches()) {
                // The relocation decides; what objdump shows as the target of an unrelocated field is noise.
                shown = Optional.empty();
                String type = relocation.group(1);
                // A GOT entry loaded into a register may be called many times (rustc's PIC code hoists the load
                // out of a loop): counted as a call, so a call left out of line is never reported inlined.
                ObjectContents.Use use = branchRelocation(type) || branch(mnemonic) || type.contains("GOT")
                        ? ObjectContents.Use.CALL : ObjectContents.Use.ADDRESS;
                references.add(new ObjectContents.CodeReference(function, target(relocation, table), use));
                continue;
            }
            shown.ifPresent(references::add);
            shown = Optional.empty();
            Matcher section = SECTION.matcher(line);
            Matcher label = FUNCTION_LABEL.matcher(line);
            Matcher instruction = INSTRUCTION.matcher(line);
            if (section.matches() || label.matches()) {
                function = label.matches() ? label.group(1) : "";
                mnemonic = "";
            } else if (instruction.matches()) {
                mnemonic = instruction.group(1);
                shown = shownTarget(function, mnemonic, instruction.group(2), table);
            }
        }
        shown.ifPresent(references::add);
        return references;
    }

    /**
     * Relocation types only branches use: AArch64's {@code CALL26}, {@code JUMP26} and conditional branches,
     * x86-64's {@code PLT32} (what LLVM writes for every call and jump to a symbol, never for its address),
     * RISC-V's {@code CALL}/{@code CALL_PLT} on the {@code auipc} of a call.
     */
    private static boolean branchRelocation(String type) {
        return type.contains("CALL") || type.contains("JUMP") || type.contains("PLT32") || type.contains("CONDBR")
                || type.contains("TSTBR");
    }

    /**
     * Call and jump mnemonics as llvm-objdump prints them: x86's {@code call}/{@code jmp}/{@code jCC} (any
     * suffix), AArch64's {@code b}, {@code bl}, {@code b.CC}, {@code cbz}/{@code cbnz}/{@code tbz}/{@code tbnz}.
     */
    private static boolean branch(String mnemonic) {
        return mnemonic.startsWith("call") || mnemonic.startsWith("j") || mnemonic.equals("b") || mnemonic.equals("bl")
                || mnemonic.startsWith("b.") || mnemonic.matches("[ct]bn?z");
    }

    /**
     * The function an instruction without relocation refers to by address: a call or jump to another
     * function's start, or its address taken ({@code lea ... # 0x20 <f>}). A jump to its own function's
     * start is a loop, not a call.
     */
    private static Optional<ObjectContents.CodeReference> shownTarget(String function, String mnemonic,
                                                                      String operands, SymbolTable.Index table) {
        Matcher target = SHOWN_TARGET.matcher(operands);
        if (!target.find() || !table.isFunction(target.group(1))) {
            return Optional.empty();
        }
        String name = target.group(1);
        if (name.equals(function) && !mnemonic.startsWith("call")) {
            return Optional.empty();
        }
        return Optional.of(new ObjectContents.CodeReference(function, name,
                branch(mnemonic) ? ObjectContents.Use.CALL : ObjectContents.Use.ADDRESS));
    }

    /**
     * A relocation's symbol; one against a section symbol ({@code .text+0x1c}, what the assembler writes
     * for a local function) names the function at that offset. x86-64's PC-relative relocations carry
     * the distance from the field to the instruction's end, -4 for a call, in their addend.
     */
    private static String target(Matcher relocation, SymbolTable.Index table) {
        String symbol = relocation.group(2);
        if (!table.isSection(symbol)) {
            return symbol;
        }
        long addend = relocation.group(4) == null ? 0 : Long.parseUnsignedLong(relocation.group(4), 16);
        if ("-".equals(relocation.group(3))) {
            addend = -addend;
        }
        String type = relocation.group(1);
        long offset = addend + (type.contains("PC") || type.contains("PLT") ? 4 : 0);
        return table.functionAt(symbol, offset).map(SymbolTable.Symbol::name).orElse(symbol);
    }
}
