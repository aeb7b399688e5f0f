package dev.graft.helpers;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

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
    void keepsAnExplicitTargetAndStripsDebugInfoOnRequest() {
        HelperFlags.Filtered f = HelperFlags.filter(List.of("--target=x86_64-linux-gnu", "-g"), "host", true);
        assertThat(f.kept()).containsExactly("--target=x86_64-linux-gnu", "-g", "-g0");
    }
}
