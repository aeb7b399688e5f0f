package dev.graft.corpus;

import dev.graft.demo.KernelFlags;
import dev.graft.helpers.HelperFlags;
import dev.graft.testkit.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * KernelFlags and examples/kernel-helpers/kernel-cflags (graft demo --kernel-style, KernelStyleTest: no
 * corpus needed) hold the kernel's code generation flags, written down once by hand; the corpus reads
 * them from a configured 6.12 tree. They must agree, so the demo shows what the kernel's build would do.
 */
class LinuxFlagsTest {

    /** Flags that do not change code, or restate rustc's default at -Copt-level=2. */
    private static final Set<String> NOT_CODE_GENERATION = Set.of("-Zbinary_dep_depinfo=y",
            "-Cdebug-assertions=n", "-Coverflow-checks=n", "--target=x86_64-unknown-linux-gnu");

    @Test
    void kernelFlagsAreTheCodeGenerationFlagsOfTheConfiguredTree() {
        List<String> extracted = LinuxCorpus.require().rustFlags().stream()
                .filter(f -> f.startsWith("-C") || f.startsWith("-Z") || f.startsWith("--target"))
                .filter(f -> !NOT_CODE_GENERATION.contains(f)).toList();
        assertThat(KernelFlags.RUST).containsExactlyInAnyOrderElementsOf(extracted);
    }

    @Test
    void theTargetSpecBecomesTheInstalledTargetAndItsFeatures() {
        List<String> flags = LinuxCorpus.require().rustFlags();
        assertThat(flags).contains("--target=x86_64-unknown-linux-gnu").noneMatch(f -> f.contains("target.json"))
                .contains("-Ctarget-feature=-mmx,+soft-float,+retpoline-external-thunk,"
                        + "+retpoline-indirect-branches,+retpoline-indirect-calls");
    }

    @Test
    void theDemosCFlagsAreTheCodeGenerationFlagsOfTheConfiguredTree() throws IOException {
        List<String> demo = codeGeneration(HelperFlags.readFile(Fixtures.KERNEL_HELPERS.resolve("kernel-cflags")));
        List<String> tree = codeGeneration(HelperFlags.readFile(LinuxCorpus.require().helperCflags()));
        assertThat(Set.copyOf(demo)).isEqualTo(Set.copyOf(tree));
    }

    /**
     * What changes clang's code: -f, -m, -O, -std, --target and -nostdinc; not warnings, paths or macros, nor
     * -fintegrated-as (clang's default on x86) and -fmacro-prefix-map (it shortens __FILE__ paths).
     */
    private static List<String> codeGeneration(List<String> cflags) {
        return cflags.stream().filter(f -> f.startsWith("-f") || f.startsWith("-m") || f.startsWith("-O")
                        || f.startsWith("-std=") || f.startsWith("--target=") || f.equals("-nostdinc"))
                .filter(f -> !f.equals("-fintegrated-as") && !f.startsWith("-fmacro-prefix-map=")).toList();
    }
}
