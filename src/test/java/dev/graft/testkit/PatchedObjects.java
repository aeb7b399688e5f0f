package dev.graft.testkit;

import dev.graft.process.Command;
import dev.graft.toolchain.Toolchain;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What the tests of patched codegen units compare between rustc's object of a unit and graft's two (rustc's
 * edited object and the patch), read with the toolchain's llvm-nm and llvm-objdump.
 */
public final class PatchedObjects {

    private final Toolchain toolchain;

    public PatchedObjects(Toolchain toolchain) {
        this.toolchain = toolchain;
    }

    /** The global and weak symbols the objects define, graft's hidden names ({@code name.graft.<tag>}) aside. */
    public Set<String> globalDefinitions(List<Path> objects) throws Exception {
        Set<String> names = new TreeSet<>();
        for (Path object : objects) {
            Checked.run(Command.of(toolchain.llvm().llvmNm(), "--defined-only", "--extern-only",
                    "--format=just-symbols", object.toString())).stdout().lines()
                    .filter(n -> !n.contains(".graft.")).forEach(names::add);
        }
        return names;
    }

    /** The functions an object defines, graft's hidden aliases of locals aside. */
    public List<String> functions(Path object) throws Exception {
        return definedFunctions(object).stream().filter(f -> !f.contains(".graft.")).toList();
    }

    /** Every function an object defines, graft's hidden names included (a patch's changed local functions). */
    public List<String> definedFunctions(Path object) throws Exception {
        return Checked.run(Command.of(toolchain.llvm().llvmNm(), "--defined-only", object.toString())).stdout()
                .lines().map(l -> l.split(" ")).filter(f -> f.length == 3 && f[1].equalsIgnoreCase("t"))
                .map(f -> f[2]).toList();
    }

    /**
     * A function's instructions and relocations, without addresses (its place in the section may differ) and
     * naming a local function alike whether a relocation names its section ({@code .text.f}, rustc's object) or
     * its symbol ({@code f.graft.<tag>}, graft's hidden name for it).
     */
    public String code(Path object, String function) throws Exception {
        return Checked.run(Command.of(toolchain.llvm().llvmObjdump(), "-dr", "--no-show-raw-insn",
                        "--disassemble-symbols=" + function, object.toString())).stdout().lines()
                .filter(l -> l.matches("^\\s+[0-9a-f]+:.*"))
                .map(l -> l.replaceFirst("^\\s+[0-9a-f]+:\\s*", "").replaceAll("\\.text\\.", "")
                        .replaceAll("\\.graft\\.[0-9a-f]{16}", ""))
                .collect(Collectors.joining("\n"));
    }
}
