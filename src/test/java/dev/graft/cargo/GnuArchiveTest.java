package dev.graft.cargo;

import dev.graft.process.Command;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Checked;
import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.Toolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * graft's Java writer of rlibs against llvm-ar: the same archive edited both ways lists the same members in the
 * same order with the same bytes, and has the same symbol index, as llvm-nm and a link read them.
 */
class GnuArchiveTest {

    @TempDir
    Path dir;
    private final Toolchain toolchain = TestToolchain.require();

    @Test
    void replacingMembersInJavaGivesWhatLlvmArGives() throws Exception {
        Path llvmAr = toolchain.llvm().binDirectory().resolve("llvm-ar");
        Files.writeString(dir.resolve("a.c"), "int short_name_function(int x) { return x + 1; }\nint shared;\n");
        Files.writeString(dir.resolve("b.c"), "static int hidden(int x) { return x; }\n"
                + "__attribute__((weak)) int weak_one(int x) { return hidden(x) * 2; }\n");
        Files.writeString(dir.resolve("c.c"), "int added_later(void) { return 7; }\n");
        for (String c : List.of("a", "b", "c")) {
            Checked.run(Command.of(toolchain.llvm().clang(), "-c", "-O2", "-fPIC", c + ".c", "-o", c + ".o")
                    .inDirectory(dir));
        }
        // A long member name as rustc gives its codegen units, and a metadata member that is no object.
        Path longName = dir.resolve("crate-0123456789abcdef.crate.0123456789abcdef-cgu.0.rcgu.o");
        Files.copy(dir.resolve("a.o"), longName);
        Files.writeString(dir.resolve("lib.rmeta"), "not an object, as rustc's metadata need not be");
        Files.createDirectories(dir.resolve("java"));
        Files.createDirectories(dir.resolve("tool"));
        for (String way : List.of("java", "tool")) {
            Checked.run(Command.of(llvmAr, "rcs", way + "/lib.a", "lib.rmeta", longName.getFileName().toString(),
                    "b.o").inDirectory(dir));
        }
        // The replacement: the unit's object becomes b.c's code, and a new member comes after.
        Path replacements = Files.createDirectories(dir.resolve("new"));
        Files.copy(dir.resolve("b.o"), replacements.resolve(longName.getFileName()));
        Files.copy(dir.resolve("c.o"), replacements.resolve("crate-0123456789abcdef.crate.0123456789abcdef-cgu.0.graft.o"));
        List<Path> members = List.of(replacements.resolve(longName.getFileName()),
                replacements.resolve("crate-0123456789abcdef.crate.0123456789abcdef-cgu.0.graft.o"));

        GnuArchive.parse(Files.readAllBytes(dir.resolve("java/lib.a"))).orElseThrow();
        ArchiveMembers archives = new ArchiveMembers(toolchain.llvm(), ProcessRunner.quiet());
        archives.replace(archives.list(dir.resolve("java/lib.a")), members);
        List<String> args = new java.util.ArrayList<>(List.of("rs", dir.resolve("tool/lib.a").toString()));
        members.forEach(m -> args.add(m.toString()));
        Checked.run(Command.of(llvmAr, args));

        assertThat(Checked.run(Command.of(llvmAr, "t", "java/lib.a").inDirectory(dir)).stdout())
                .isEqualTo(Checked.run(Command.of(llvmAr, "t", "tool/lib.a").inDirectory(dir)).stdout())
                .contains("graft.o");
        assertThat(armap("java/lib.a")).isEqualTo(armap("tool/lib.a")).contains("weak_one").contains("added_later")
                .doesNotContain("hidden");
        for (String member : Checked.run(Command.of(llvmAr, "t", "tool/lib.a").inDirectory(dir)).stdout().lines()
                .toList()) {
            assertThat(Checked.run(Command.of(llvmAr, "p", "java/lib.a", member).inDirectory(dir)).stdout())
                    .as(member).isEqualTo(Checked.run(Command.of(llvmAr, "p", "tool/lib.a", member).inDirectory(dir))
                            .stdout());
        }
        // A link resolves through the index: main calls what only the replaced and the added members define.
        Files.writeString(dir.resolve("main.c"), "int weak_one(int); int added_later(void);\n"
                + "int main(void) { return weak_one(3) + added_later() == 13 ? 0 : 1; }\n");
        Checked.run(Command.of(toolchain.llvm().clang(), "main.c", "java/lib.a", "-o", "main").inDirectory(dir));
        Checked.run(Command.of(dir.resolve("main")));
    }

    private String armap(String archive) throws Exception {
        return Checked.run(Command.of(toolchain.llvm().llvmNm(), "--print-armap", archive).inDirectory(dir)).stdout()
                .lines().takeWhile(l -> !l.isEmpty()).sorted().toList().toString();
    }
}
