package dev.graft.helpers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HelperFlagsTest {

    @Test
    void removesFlagsThatBlockInliningAndFlagsThatChooseTheOutput() {
        HelperFlags.Filtered f = HelperFlags.filter(List.of("-O2", "-fno-delete-null-pointer-checks", "-c", "-o",
                "x.o", "-MD", "-MF", "x.d", "-flto=thin", "-Iinclude", "-g"), "x86_64-unknown-linux-gnu", false);
        assertThat(f.kept()).containsExactly("--target=x86_64-unknown-linux-gnu", "-O2", "-Iinclude", "-g");
        assertThat(f.removed()).containsExactly("-fno-delete-null-pointer-checks", "-c", "-o", "x.o", "-MD", "-MF",
                "x.d", "-flto=thin");
    }

    @Test
    void dependencyOutputAskedOfThePreprocessorIsRemovedAndOtherPreprocessorFlagsKept() {
        HelperFlags.Filtered f = HelperFlags.filter(List.of("-Wp,-MMD,lib/.ctype.o.d", "-Wp,-MD,x.d",
                "-Wp,-MF,y.d", "-Wp,-DKEPT=1", "-Wp,-v"), "host", false);
        assertThat(f.kept()).containsExactly("--target=host", "-Wp,-DKEPT=1", "-Wp,-v");
        assertThat(f.removed()).containsExactly("-Wp,-MMD,lib/.ctype.o.d", "-Wp,-MD,x.d", "-Wp,-MF,y.d");
    }

    @Test
    void keepsAnExplicitTargetAndStripsDebugInfoOnRequest() {
        HelperFlags.Filtered f = HelperFlags.filter(List.of("--target=x86_64-linux-gnu", "-g"), "host", true);
        assertThat(f.kept()).containsExactly("--target=x86_64-linux-gnu", "-g", "-g0");
    }

    @Test
    void aFlagsFileIsSplitIntoWordsAsAShellWouldSplitIt(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cflags");
        Files.writeString(file, """
                # a comment with a 'quote'
                -O2 -DGREETING='"hello world"' "-DTWO=a b" -I'dir with space'/include  # trailing comment
                -DESCAPED=a\\ b -DHASH=x#y '' -Wall
                """);
        assertThat(HelperFlags.readFile(file)).containsExactly("-O2", "-DGREETING=\"hello world\"", "-DTWO=a b",
                "-Idir with space/include", "-DESCAPED=a b", "-DHASH=x#y", "", "-Wall");
    }

    @Test
    void anUnclosedQuoteInAFlagsFileIsAnError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cflags");
        Files.writeString(file, "-DX='open\n");
        assertThatThrownBy(() -> HelperFlags.readFile(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("' quote is not closed");
    }
}
