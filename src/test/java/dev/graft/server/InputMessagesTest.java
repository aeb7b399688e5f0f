package dev.graft.server;

import dev.graft.ExitCode;
import dev.graft.process.CommandResult;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.Way;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input named once, in one line, where it is first met: a response file graft cannot read, and helper
 * "bitcode" that is not bitcode under cargo's wrapper form (the first crate fails, not a binary's link). Through
 * the server and in graft's own JVM.
 */
class InputMessagesTest extends BothWaysTestCase {

    @BeforeEach
    void copyFixture() {
        Fixtures.copy(dir, "shared-constant", List.of("table.c", "a.rs"));
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aResponseFileGraftCannotReadIsNamedOnce(Way way) throws Exception {
        CommandResult missing = graft(way, "rustc", "--helpers", "h.bc", "--", "--crate-type=lib", "--emit=obj=a.o",
                "@missing.rsp", "a.rs");
        assertThat(missing.exitCode()).as(missing.stderr()).isEqualTo(ExitCode.BAD_INPUT.status());
        assertThat(failureLine(missing))
                .isEqualTo("graft: cannot read rustc response file missing.rsp: no such file or directory");

        Files.write(dir.resolve("latin1.rsp"), new byte[]{'-', 'O', '\n', (byte) 0xe9, '\n'});
        CommandResult notUtf8 = graft(way, "rustc", "--helpers", "h.bc", "--", "--crate-type=lib", "--emit=obj=a.o",
                "@latin1.rsp", "a.rs");
        assertThat(notUtf8.exitCode()).as(notUtf8.stderr()).isEqualTo(ExitCode.BAD_INPUT.status());
        assertThat(failureLine(notUtf8)).isEqualTo("graft: cannot read rustc response file latin1.rsp: not UTF-8 text");
        assertThat(dir.resolve("a.o")).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void helperFilesThatAreNotBitcodeFailTheFirstCrate(Way way) throws Exception {
        Files.writeString(dir.resolve("garbage.bc"), "this is not bitcode\n");
        Files.createDirectories(dir.resolve("out"));
        CommandResult crate = graft(way, dir, Map.of("GRAFT_HELPERS", "garbage.bc"),
                toolchain.rustc().executable().toString(), "--crate-name", "a", "--crate-type", "lib",
                "--emit=dep-info,metadata,link", "-O", "-Cpanic=abort", "a.rs", "--out-dir", "out");
        assertThat(crate.exitCode()).as(crate.stderr()).isEqualTo(ExitCode.BAD_INPUT.status());
        assertThat(failureLine(crate)).isEqualTo("graft: helper bitcode " + dir.resolve("garbage.bc")
                + " (named in GRAFT_HELPERS) is not LLVM bitcode: write it with graft helpers -o FILE.bc SRC.c");
        assertThat(dir.resolve("out/liba.rlib")).doesNotExist();
    }
}
