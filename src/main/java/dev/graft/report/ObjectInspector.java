package dev.graft.report;

import dev.graft.GraftException;
import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.toolchain.LlvmTools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@link ObjectContents} with llvm-nm and llvm-objdump of the matching LLVM version. */
public final class ObjectInspector {

    private static final Pattern FUNCTION_LABEL = Pattern.compile("^[0-9a-fA-F]+ <(.+)>:$");
    private static final Pattern RELOCATION = Pattern.compile(
            "^\\s*[0-9a-fA-F]+:\\s+R_\\S+\\s+(.+?)(?:[+-]0x[0-9a-fA-F]+)?$");

    private final LlvmTools tools;
    private final ProcessRunner runner;

    public ObjectInspector(LlvmTools tools, ProcessRunner runner) {
        this.tools = tools;
        this.runner = runner;
    }

    public ObjectContents inspect(Path object) throws GraftException {
        String symbols = run(Command.of(tools.llvmNm(), "--defined-only", "-P", object.toString()), object);
        Set<String> defined = new HashSet<>();
        for (String line : symbols.split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 2 && !fields[0].isEmpty()) {
                defined.add(fields[0]);
            }
        }
        String disassembly = run(Command.of(tools.llvmObjdump(), "-dr", "--no-show-raw-insn", object.toString()),
                object);
        return new ObjectContents(defined, references(disassembly));
    }

    static List<ObjectContents.CodeReference> references(String disassembly) {
        List<ObjectContents.CodeReference> references = new ArrayList<>();
        String function = "";
        for (String line : disassembly.split("\n")) {
            Matcher label = FUNCTION_LABEL.matcher(line);
            if (label.matches()) {
                function = label.group(1);
                continue;
            }
            Matcher relocation = RELOCATION.matcher(line);
            if (relocation.matches()) {
                references.add(new ObjectContents.CodeReference(function, functionOf(relocation.group(1))));
            }
        }
        return references;
    }

    /**
     * A call to a local function (an internal helper copy) is relocated against its section symbol,
     * {@code .text.NAME} with function sections: that is a reference to NAME. (Without function
     * sections such a call names {@code .text} and an offset, and is not attributed to a helper.)
     */
    static String functionOf(String target) {
        return target.startsWith(".text.") ? target.substring(".text.".length()) : target;
    }

    private String run(Command command, Path object) throws GraftException {
        CommandResult result = runner.execute(command);
        if (!result.succeeded()) {
            throw GraftException.badInput("cannot read object " + object + ": " + result.firstDiagnosticLine());
        }
        return result.stdout();
    }
}
