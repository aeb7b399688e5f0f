package dev.graft.helpers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IncludeSearchTest {

    /** What clang 22 -v prints on stderr around its search list (cc1 command line shortened). */
    private static final String VERBOSE = """
            Debian clang version 22.1.8 (1~deb12u1)
            Target: x86_64-unknown-linux-gnu
             "/usr/lib/llvm-22/bin/clang" -cc1 -triple x86_64-unknown-linux-gnu -emit-llvm ...
            clang -cc1 version 22.1.8 based upon LLVM 22.1.8 default target x86_64-pc-linux-gnu
            ignoring nonexistent directory "inc1"
            ignoring duplicate directory "/usr/include"
            #include "..." search starts here:
             quoted
            #include <...> search starts here:
             inc2
             /Library/Frameworks (framework directory)
             /usr/include
            End of search list.
            k.c:3:1: error: unknown type name 'nope'
            """;

    @TempDir
    Path cwd;

    @Test
    void readsEverySearchDirectoryIncludingTheOnesClangIgnoredAsNonexistent() {
        IncludeSearch search = IncludeSearch.fromVerboseOutput(VERBOSE, cwd);
        assertThat(search.directories()).containsExactly(cwd.resolve("inc1"), cwd.resolve("quoted"),
                cwd.resolve("inc2"), Path.of("/Library/Frameworks"), Path.of("/usr/include"));
    }

    @Test
    void diagnosticsAreWhatFollowsTheSearchList() {
        assertThat(IncludeSearch.diagnostics(VERBOSE)).isEqualTo("k.c:3:1: error: unknown type name 'nope'\n");
        assertThat(IncludeSearch.diagnostics("clang: error: no such file\n")).isEqualTo("clang: error: no such file\n");
    }

    @Test
    void aHeaderCouldBeShadowedFromEveryOtherSearchDirectoryAndBesideItsSource() throws Exception {
        Files.createDirectories(cwd.resolve("inc2/sub"));
        Path header = Files.writeString(cwd.resolve("inc2/sub/k.h"), "");
        Path source = cwd.resolve("src/k.c");
        IncludeSearch search = new IncludeSearch(List.of(cwd.resolve("inc1"), cwd.resolve("inc2")));
        assertThat(search.shadowingCandidates(List.of(source), List.of(header))).containsExactlyInAnyOrder(
                cwd.resolve("inc1/sub/k.h"), cwd.resolve("src/sub/k.h"), cwd.resolve("inc2/sub/sub/k.h"));
    }
}
