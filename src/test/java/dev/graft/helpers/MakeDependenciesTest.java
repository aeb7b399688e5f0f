package dev.graft.helpers;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MakeDependenciesTest {

    @Test
    void readsContinuedLinesAndEscapedSpaces() {
        String dep = "/tmp/0.ll: /src/helpers.c /src/include/a\\ b.h \\\n  /src/include/c.h\n";
        assertThat(MakeDependencies.prerequisites(dep, Path.of("/src"))).containsExactly(
                Path.of("/src/helpers.c"), Path.of("/src/include/a b.h"), Path.of("/src/include/c.h"));
    }

    @Test
    void resolvesRelativePrerequisitesAgainstTheWorkingDirectory() {
        assertThat(MakeDependencies.prerequisites("x.ll: h.c inc/k.h\n", Path.of("/w")))
                .containsExactly(Path.of("/w/h.c"), Path.of("/w/inc/k.h"));
    }
}
