package dev.graft.server;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.Way;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docs/commands.md says of GOT relocations, held to the objects: rustc asks LLVM not to
 * relax ELF relocations (its target's {@code relax_elf_relocations}), and LLVM's C API, which graft's in-process
 * backend uses, has no way to say so ({@code -x86-relax-relocations=false} is accepted but never reaches a target
 * machine made through it); clang compiling bitcode does not either. So graft's objects have
 * {@code R_X86_64_GOTPCRELX}/{@code R_X86_64_REX_GOTPCRELX} where rustc's have {@code R_X86_64_GOTPCREL}, and
 * nothing else differs: same places, symbols and addends. Both backends, through the server and in graft's own JVM.
 */
class GotRelocationsTest extends BothWaysTestCase {

    /** One line of llvm-objdump -r: offset, type, symbol and addend. */
    private static final Pattern RELOCATION = Pattern.compile("(?m)^([0-9a-f]{16}) (R_X86_64_\\w+)\\s+(\\S+)$");

    @BeforeEach
    void copyFixture() {
        Fixtures.copy(dir, "relocations", List.of("got.rs"));
        Fixtures.copy(dir, "shared-constant", List.of("table.c"));
    }

    /** The object's GOT relocations. */
    private List<String> relocations(String object) throws Exception {
        String text = dev.graft.testkit.Checked.run(Command.of(toolchain.llvm().llvmObjdump(), "-r", object)
                .inDirectory(dir)).stdout();
        Matcher m = RELOCATION.matcher(text);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            if (!m.group(2).contains("GOT")) {
                continue;
            }
            found.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
        }
        return found;
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void graftsObjectsMayRelaxGotLoadsWhereRustcsMayNot(Way way) throws Exception {
        assertThat(graft(way, "helpers", "-o", "h.bc", "table.c", "--", "-O2").exitCode()).isZero();
        dev.graft.testkit.Checked.run(Command.of(toolchain.rustc().executable(), "--crate-type=lib", "-O",
                "-Cpanic=abort", "--emit=obj=rustc.o", "got.rs").inDirectory(dir));
        List<String> rustc = relocations("rustc.o");
        assertThat(rustc).hasSize(2).allMatch(r -> r.contains(" R_X86_64_GOTPCREL "));
        for (String backend : List.of("inprocess", "tools")) {
            CommandResult built = graft(way, "rustc", "--helpers", "h.bc", "--backend", backend, "--",
                    "--crate-type=lib", "-O", "-Cpanic=abort", "--emit=obj=" + backend + ".o", "got.rs");
            assertThat(built.exitCode()).as(built.stderr()).isZero();
            List<String> graft = relocations(backend + ".o");
            assertThat(graft).as(backend).anyMatch(r -> r.contains(" R_X86_64_REX_GOTPCRELX "))
                    .anyMatch(r -> r.contains(" R_X86_64_GOTPCRELX "));
            assertThat(graft.stream().map(r -> r.replaceFirst(" R_X86_64_(REX_)?GOTPCRELX ", " R_X86_64_GOTPCREL "))
                    .toList()).as(backend).isEqualTo(rustc);
        }
    }
}
