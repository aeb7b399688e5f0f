package dev.graft.elf;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Checked;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the object editor's tests do in their directory with the real toolchain: compile with clang, edit an
 * object, build the replacements' object from bitcode, read an object with llvm-readelf, run a program. A missing
 * tool fails the test.
 */
abstract class ObjectEditTestCase {

    @TempDir
    Path dir;
    final Toolchain toolchain = TestToolchain.require();

    Path edit(Path object, List<Replacement> replacements) throws Exception {
        return edit(object, replacements, List.of());
    }

    Path edit(Path object, List<Replacement> replacements, List<HiddenAlias> aliases) throws Exception {
        Path edited = dir.resolve(object.getFileName().toString().replace(".o", "-edited.o"));
        Files.write(edited, FunctionRemoval.apply(Files.readAllBytes(object), replacements, aliases));
        return edited;
    }

    /**
     * The replacements compiled on their own from the unit's bitcode: llvm-extract keeps the functions (made
     * hidden globals) with declarations of the rest, a local one takes its new name, everything but the functions
     * is internalized so private constants are duplicated, the private things it still uses take their aliases'
     * names, and llc generates the object.
     */
    Path replacementObject(Path bitcode, List<Replacement> replacements, List<HiddenAlias> aliases,
                            String... llcFlags) throws Exception {
        List<String> extract = new ArrayList<>(List.of("--keep-const-init", "-S", "-o", "extracted.ll"));
        // dispatch_again is a C alias of dispatch: llvm-extract takes aliases by another option.
        replacements.forEach(r -> extract.add((r.symbol().endsWith("_again") ? "--alias=" : "--func=") + r.symbol()));
        extract.add(bitcode.toString());
        run(tool("llvm-extract"), extract.toArray(String[]::new));
        String ir = Files.readString(dir.resolve("extracted.ll"));
        for (Replacement replacement : replacements) {
            // Names with characters outside [A-Za-z0-9._$] are quoted in textual IR (rustc's mangled names).
            ir = ir.replace("@\"" + replacement.symbol() + "\"", "@\"" + replacement.newName() + "\"")
                    .replaceAll("@" + Pattern.quote(replacement.symbol()) + "\\b",
                            Matcher.quoteReplacement("@" + replacement.newName()));
        }
        for (HiddenAlias alias : aliases) {
            ir = ir.replaceAll("@" + Pattern.quote(alias.local()) + "\\b", Matcher.quoteReplacement("@" + alias.alias()));
        }
        Files.writeString(dir.resolve("renamed.ll"), ir);
        run(tool("opt"), "-passes=internalize,globaldce", "-internalize-public-api-list="
                + String.join(",", replacements.stream().map(Replacement::newName).toList()), "renamed.ll",
                "-o", "replacements.bc");
        List<String> llc = new ArrayList<>(List.of("-O2", "-function-sections", "-filetype=obj", "replacements.bc",
                "-o", "replacements.o"));
        llc.addAll(List.of(llcFlags));
        run(tool("llc"), llc.toArray(String[]::new));
        return dir.resolve("replacements.o");
    }

    CommandResult runProgram(Path program) throws Exception {
        return ProcessRunner.quiet().run(Command.of(program).inDirectory(dir)
                .withEnvironment(Map.of("RUST_BACKTRACE", "1")));
    }

    ObjectFacts facts(Path object) throws Exception {
        return ObjectFacts.of(run(tool("llvm-readelf"), "-S", "-s", "-r", "-W", object.toString()).stdout());
    }

    Path clang(String source, String output, List<String> flags) throws Exception {
        List<String> args = new ArrayList<>(flags);
        args.addAll(List.of("-c", source, "-o", output));
        run(toolchain.llvm().clang(), args.toArray(String[]::new));
        return dir.resolve(output);
    }

    Path lld() {
        return tool("ld.lld");
    }

    Path tool(String name) {
        Path tool = toolchain.llvm().binDirectory().resolve(name);
        assertThat(tool).as("LLVM tool " + name + " (scripts/setup-toolchain installs llvm and lld)").isExecutable();
        return tool;
    }

    CommandResult run(Path program, String... args) throws Exception {
        return Checked.run(Command.of(program, args).inDirectory(dir));
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
