package dev.graft.elf;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Functions taken out of real objects (rustc's and clang's) and replaced by copies compiled on their own from the
 * same bitcode, the way graft regenerates only the functions that call helpers: the programs linked from the
 * edited object and the replacements (by GNU ld and by lld) behave exactly as the plain ones, the edited object
 * keeps every other symbol and relocation, and what the editor cannot do exactly it refuses.
 */
class FunctionRemovalTest extends ObjectEditTestCase {

    @Test
    void rustProgramRunsPanicsAndUnwindsAsBeforeWithALocalAndAGlobalFunctionReplaced() throws Exception {
        Fixtures.copy(dir, "elf", List.of("replaced.rs"));
        String linkLine = run(toolchain.rustc().executable(), "-C", "opt-level=2", "-C", "codegen-units=1",
                "-C", "debuginfo=2", "-C", "panic=unwind", "-C", "save-temps", "--print", "link-args",
                "--emit=link,llvm-bc", "replaced.rs", "-o", "plain").stdout();
        List<String> link = linkArguments(linkLine);
        Path object = dir.resolve(link.stream().filter(a -> a.endsWith("-cgu.0.rcgu.o")).findFirst().orElseThrow());
        ObjectFacts before = facts(object);
        String local = before.defined().keySet().stream().filter(s -> s.contains("10local_step")).findFirst()
                .orElseThrow();
        assertThat(before.defined().get(local)).startsWith("LOCAL");
        // A method only a trait object's vtable refers to, by its section's address: now by the new name.
        String method = before.defined().keySet().stream().filter(s -> s.contains("4area17h")).findFirst()
                .orElseThrow();
        List<Replacement> replacements = List.of(new Replacement(local, "graft_local_step"),
                new Replacement("graft_global_mix", "graft_global_mix"), new Replacement(method, "graft_area"));

        Path edited = edit(object, replacements);
        Path replacement = replacementObject(dir.resolve("plain.bc"), replacements, List.of(),
                "-relocation-model=pic");

        ObjectFacts after = facts(edited);
        assertKeepsAllElse(before, after, replacements, Set.of(".rodata.graft_global_mix",
                ".gcc_except_table.graft_global_mix"));
        assertThat(after.relocationCounts()).doesNotContainKeys(".rela.text.graft_global_mix",
                ".rela.rodata.graft_global_mix");

        Path byGnuLd = relink(link, object, List.of(edited, replacement), "cc", List.of(), "by-ld");
        Path byLld = relink(link, object, List.of(edited, replacement), toolchain.llvm().clang().toString(),
                List.of("-fuse-ld=lld"), "by-lld");
        CommandResult plain = runProgram(dir.resolve("plain"));
        assertThat(plain.stdout()).contains("caught true");
        assertThat(plain.stderr()).contains("local_step saw 77", "replaced::local_step", "replaced::main");
        for (Path program : List.of(byGnuLd, byLld)) {
            CommandResult result = runProgram(program);
            assertThat(result.exitCode()).isEqualTo(plain.exitCode());
            assertThat(result.stdout()).isEqualTo(plain.stdout());
            assertThat(withoutThreadIds(result.stderr())).isEqualTo(withoutThreadIds(plain.stderr()));
            assertThat(run(Path.of("nm"), program.toString()).stdout()).doesNotContain(local)
                    .contains("t graft_local_step", "T graft_global_mix", "t graft_area");
            assertThat(dwarfErrorKinds(program, true)).isSubsetOf(dwarfErrorKinds(dir.resolve("plain"), false));
        }
    }

    @Test
    void cProgramKeepsItsConstructorJumpTablesAndPrivateStateWithAStaticAndAGlobalFunctionReplaced() throws Exception {
        Fixtures.copy(dir, "elf", List.of("dispatch.c"));
        // Patchable entries and stack sizes are sections ordered after each function (SHF_LINK_ORDER).
        List<String> flags = List.of("-O2", "-g", "-ffunction-sections", "-fPIE", "-fpatchable-function-entry=2",
                "-fstack-size-section");
        Path object = clang("dispatch.c", "dispatch.o", flags);
        Path bitcode = clang("dispatch.c", "dispatch.bc", concat(flags, List.of("-emit-llvm")));
        ObjectFacts before = facts(object);
        assertThat(before.relocationCounts()).containsKeys(".rela.rodata.dispatch", ".rela.init_array");
        assertThat(before.relocationCounts().get(".rela.stack_sizes")).hasSize(5);
        assertThat(before.relocationCounts().get(".rela__patchable_function_entries")).hasSize(5);
        List<Replacement> replacements = List.of(new Replacement("scale", "graft_scale"),
                new Replacement("dispatch", "dispatch"), new Replacement("dispatch_again", "dispatch_again"));
        // The private count() and calls[] that dispatch still uses: reached by new names from the replacement.
        List<HiddenAlias> aliases = List.of(new HiddenAlias("count", "graft_count"),
                new HiddenAlias("calls", "graft_calls"));

        Path edited = edit(object, replacements, aliases);
        Path replacement = replacementObject(bitcode, replacements, aliases, "-relocation-model=pic");
        ObjectFacts after = facts(edited);
        assertKeepsAllElse(before, after, replacements, aliases, Set.of(".rodata.dispatch"));
        assertThat(after.relocationCounts().get(".rela.stack_sizes")).hasSize(3);
        assertThat(after.relocationCounts().get(".rela__patchable_function_entries")).hasSize(3);
        assertThat(after.relocationCounts()).doesNotContainKey(".rela.rodata.dispatch");

        Path plain = dir.resolve("plain");
        run(Path.of("cc"), object.toString(), "-o", plain.toString());
        Path byGnuLd = dir.resolve("by-ld");
        run(Path.of("cc"), edited.toString(), replacement.toString(), "-o", byGnuLd.toString());
        Path byLld = dir.resolve("by-lld");
        run(toolchain.llvm().clang(), "-fuse-ld=lld", edited.toString(), replacement.toString(), "-o", byLld.toString());
        String expected = runProgram(plain).stdout();
        assertThat(expected).startsWith("set_base ran\n");
        assertThat(runProgram(byGnuLd).stdout()).isEqualTo(expected);
        assertThat(runProgram(byLld).stdout()).isEqualTo(expected);
        assertThat(dwarfErrorKinds(byGnuLd, true)).isSubsetOf(dwarfErrorKinds(plain, false));
    }

    @Test
    void fiftyFunctionsReplacedAtOnceInAnObjectOfThousandsOfSections() throws Exception {
        // A chain of functions, each with a jump table, static and global in turn; main follows it from f0.
        StringBuilder source = new StringBuilder("int printf(const char *format, ...);\n");
        int functions = 2000;
        for (int i = functions - 1; i >= 0; i--) {
            String next = i + 1 < functions ? "f" + (i + 1) + "(x ^ " + i + ")" : "x";
            source.append("__attribute__((noinline)) ").append(i % 2 == 1 ? "static " : "").append("int f").append(i)
                    .append("(int x) { switch (x & 7) { case 0: return ").append(next).append("; case 1: return x * ")
                    .append(i).append("; case 2: return x - ").append(i).append("; case 3: return x ^ ").append(i)
                    .append("; case 4: return x << 3; case 5: return ").append(next)
                    .append(" + 1; case 6: return -x; default: return ").append(i).append("; } }\n");
        }
        source.append("int main(void) { long sum = 0; for (int x = 0; x < 64; x++) sum += f0(x * 8); ")
                .append("printf(\"%ld\\n\", sum); return 0; }\n");
        Files.writeString(dir.resolve("chain.c"), source);
        List<String> flags = List.of("-O2", "-ffunction-sections", "-fPIE");
        Path object = clang("chain.c", "chain.o", flags);
        Path bitcode = clang("chain.c", "chain.bc", concat(flags, List.of("-emit-llvm")));
        // Every 20th static function: the globals they call stay in the object, under their own names.
        List<Replacement> replacements = new ArrayList<>();
        for (int i = 1; i < functions && replacements.size() < 50; i += 40) {
            replacements.add(new Replacement("f" + i, "graft_f" + i));
        }
        ObjectFacts before = facts(object);

        Path edited = edit(object, replacements);
        Path replacement = replacementObject(bitcode, replacements, List.of(), "-relocation-model=pic");
        assertKeepsAllElse(before, facts(edited), replacements, Set.of());

        Path plain = dir.resolve("plain");
        run(Path.of("cc"), object.toString(), "-o", plain.toString());
        Path replaced = dir.resolve("replaced");
        run(Path.of("cc"), edited.toString(), replacement.toString(), "-o", replaced.toString());
        assertThat(runProgram(replaced).stdout()).isEqualTo(runProgram(plain).stdout());
        assertThat(run(Path.of("nm"), replaced.toString()).stdout()).contains("t graft_f1\n", "t graft_f1961\n");
    }

    @Test
    void aarch64CallsResolveToTheReplacements() throws Exception {
        Fixtures.copy(dir, "elf", List.of("dispatch.c"));
        List<String> flags = List.of("--target=aarch64-linux-gnu", "-O2", "-g", "-ffunction-sections");
        Path object = clang("dispatch.c", "dispatch.o", flags);
        Path bitcode = clang("dispatch.c", "dispatch.bc", concat(flags, List.of("-emit-llvm")));
        List<Replacement> replacements = List.of(new Replacement("scale", "graft_scale"),
                new Replacement("dispatch", "dispatch"), new Replacement("dispatch_again", "dispatch_again"));
        // The private count() and calls[] that dispatch still uses: reached by new names from the replacement.
        List<HiddenAlias> aliases = List.of(new HiddenAlias("count", "graft_count"),
                new HiddenAlias("calls", "graft_calls"));
        ObjectFacts before = facts(object);

        Path edited = edit(object, replacements, aliases);
        Path replacement = replacementObject(bitcode, replacements, aliases);
        assertKeepsAllElse(before, facts(edited), replacements, aliases, Set.of(".rodata.dispatch"));

        Path combined = dir.resolve("combined.o");
        run(lld(), "-r", edited.toString(), replacement.toString(), "-o", combined.toString());
        ObjectFacts linked = facts(combined);
        assertThat(linked.defined().get("graft_scale")).startsWith("GLOBAL HIDDEN .text.graft_scale");
        assertThat(linked.defined().get("dispatch")).startsWith("GLOBAL DEFAULT .text.dispatch");
        assertThat(linked.defined()).doesNotContainKey("scale");

        // No C library for aarch64 here: printf and puts stay unresolved, the calls to check do not.
        Path program = dir.resolve("dispatch");
        run(lld(), "-e", "main", "--unresolved-symbols=ignore-all", edited.toString(), replacement.toString(),
                "-o", program.toString());
        String main = run(tool("llvm-objdump"), "-d", "--no-show-raw-insn", "--disassemble-symbols=main",
                program.toString()).stdout();
        assertThat(main).containsPattern("\\bbl\\s+0x[0-9a-f]+ <dispatch(_again)?>")
                .containsPattern("\\bbl?\\s+0x[0-9a-f]+ <graft_scale>");
    }

    /**
     * Every symbol the edit did not remove is unchanged (binding, visibility, section, value); the removed global
     * functions are undefined now, the local ones gone and named by their hidden new names; the only other symbols
     * gone are locals of the sections that only the removed functions used; every kept relocation section has as
     * many relocations as before except {@code .eh_frame}'s.
     */
    private static void assertKeepsAllElse(ObjectFacts before, ObjectFacts after, List<Replacement> replacements,
                                           Set<String> collected) {
        assertKeepsAllElse(before, after, replacements, List.of(), collected);
    }

    private static void assertKeepsAllElse(ObjectFacts before, ObjectFacts after, List<Replacement> replacements,
                                           List<HiddenAlias> aliases, Set<String> collected) {
        Map<String, String> expected = new HashMap<>(before.defined());
        for (HiddenAlias alias : aliases) {
            expected.put(alias.alias(), before.defined().get(alias.local()).replaceFirst("^LOCAL DEFAULT", "GLOBAL HIDDEN"));
        }
        for (Replacement replacement : replacements) {
            String old = expected.remove(replacement.symbol());
            String binding = old.substring(0, old.indexOf(' ', old.indexOf(' ') + 1));
            if (old.startsWith("LOCAL")) {
                assertThat(after.undefined()).containsEntry(replacement.newName(), "GLOBAL HIDDEN");
                assertThat(after.undefined()).doesNotContainKey(replacement.symbol());
            } else {
                assertThat(after.undefined()).containsEntry(replacement.symbol(), binding);
            }
        }
        expected.entrySet().removeIf(e -> e.getValue().startsWith("LOCAL")
                && collected.stream().anyMatch(section -> e.getValue().contains(" " + section + " ")));
        assertThat(after.defined()).isEqualTo(expected);
        for (Map.Entry<String, List<Integer>> sections : after.relocationCounts().entrySet()) {
            if (!sections.getKey().equals(".rela.eh_frame")) {
                List<Integer> unmatched = new ArrayList<>(before.relocationCounts().get(sections.getKey()));
                for (Integer count : sections.getValue()) {
                    assertThat(unmatched.remove(count)).as(sections.getKey() + " with " + count + " relocations").isTrue();
                }
            }
        }
        assertThat(after.relocationCounts().get(".rela.eh_frame").getFirst())
                .isLessThan(before.relocationCounts().get(".rela.eh_frame").getFirst());
    }

    /** rustc's link line with its unit's object replaced by {@code objects}, run by {@code driver}. */
    private Path relink(List<String> link, Path unit, List<Path> objects, String driver, List<String> driverFlags,
                        String output) throws Exception {
        List<String> args = new ArrayList<>(driverFlags);
        for (int i = 0; i < link.size(); i++) {
            String arg = link.get(i);
            if (dir.resolve(arg).equals(unit)) {
                objects.forEach(o -> args.add(o.toString()));
            } else if (i > 0 && link.get(i - 1).equals("-o")) {
                args.add(dir.resolve(output).toString());
            } else {
                args.add(arg);
            }
        }
        run(Path.of(driver), args.toArray(String[]::new));
        return dir.resolve(output);
    }

    /** The linker's arguments from rustc's {@code --print link-args} line (after the quoted linker name). */
    private static List<String> linkArguments(String line) {
        String command = line.lines().filter(l -> l.contains("\"cc\"")).findFirst().orElseThrow();
        List<String> args = new ArrayList<>();
        Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(command.substring(command.indexOf("\"cc\"") + 4));
        while (quoted.find()) {
            args.add(quoted.group(1));
        }
        return args;
    }

    /**
     * The kinds of error {@code llvm-dwarfdump --verify} finds in a program, numbers left out. With
     * {@code besideTombstones}, errors about DWARF of removed code are left out: linkers resolve the addresses of
     * discarded functions to 0, and so does the edit, so such DIEs overlap at 0 (the plain Rust program has
     * thousands, from the standard library's functions its link discarded).
     */
    private Set<String> dwarfErrorKinds(Path program, boolean besideTombstones) throws Exception {
        CommandResult verify = ProcessRunner.quiet().run(Command.of(tool("llvm-dwarfdump"), "--verify",
                program.toString()));
        Set<String> kinds = new TreeSet<>();
        for (String error : verify.stdout().split("\n(?=error: )")) {
            String kind = error.lines().findFirst().orElse("");
            boolean tombstone = error.contains("[0x0000000000000000,") || error.contains("= 0x0000000000000000)");
            if (kind.startsWith("error: ") && !kind.contains("occurred") && !kind.contains("Aggregated")
                    && !(besideTombstones && tombstone)) {
                kinds.add(kind.replaceAll("(0x)?[0-9a-f]*\\d[0-9a-f]*", "N"));
            }
        }
        return kinds;
    }

private static String withoutThreadIds(String stderr) {
        return stderr.replaceAll("thread 'main' \\(\\d+\\)", "thread 'main'");
    }
}
