package dev.graft.server;

import dev.graft.ExitCode;
import dev.graft.process.CommandResult;
import dev.graft.testkit.Fixtures;
import dev.graft.testkit.Way;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A helper library records the variants written with it, and {@code graft rustc} uses no other file of a
 * variant's name: neither one left from an earlier {@code graft helpers} run that no longer builds the
 * variant, nor one another command wrote since. Through the server and in graft's own JVM.
 */
class HelperVariantRecordTest extends BothWaysTestCase {

    @BeforeEach
    void copyFixture() {
        Fixtures.copy(dir, "variants", List.of("variant.c", "variant.rs"));
    }

    private CommandResult helpers(Way way, String... optionsThenSources) {
        List<String> args = new ArrayList<>(List.of("helpers"));
        args.addAll(List.of(optionsThenSources));
        args.addAll(List.of("--", "-O2"));
        return graft(way, args.toArray(String[]::new));
    }

    private CommandResult moduleCrate(Way way, String object) {
        return graft(way, "rustc", "--helpers", "h.bc", "--", "--cfg", "MODULE", "--crate-type=lib", "-O",
                "-Cpanic=abort", "--emit=obj=" + object, "variant.rs");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aVariantFileLeftFromAnEarlierRunIsRefusedNotUsed(Way way) {
        assertThat(helpers(way, "-o", "h.bc", "--variant", "module=-DMODULE", "variant.c").exitCode()).isZero();
        CommandResult fresh = moduleCrate(way, "fresh.o");
        assertThat(fresh.exitCode()).as(fresh.stderr()).isZero();

        // The library is rebuilt without the variant: h.module.bc is left, old code.
        assertThat(helpers(way, "-o", "h.bc", "variant.c").exitCode()).isZero();
        assertThat(dir.resolve("h.module.bc")).exists();
        CommandResult stale = moduleCrate(way, "stale.o");
        assertThat(stale.exitCode()).as(stale.stderr()).isEqualTo(ExitCode.BAD_INPUT.status());
        assertThat(failureLine(stale)).contains("h.module.bc is not a variant of h.bc").contains("--variant module");
        assertThat(dir.resolve("stale.o")).doesNotExist();

        // So is a variant named explicitly.
        CommandResult explicit = graft(way, "rustc", "--helpers", "h.bc", "--helpers-variant", "module", "--",
                "--crate-type=lib", "--emit=obj=explicit.o", "variant.rs");
        assertThat(explicit.exitCode()).as(explicit.stderr()).isEqualTo(ExitCode.BAD_INPUT.status());
        assertThat(failureLine(explicit)).contains("h.module.bc is not a variant of h.bc");
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aVariantFileAnotherCommandRewroteIsRefused(Way way) {
        assertThat(helpers(way, "-o", "h.bc", "--variant", "module=-DMODULE", "variant.c").exitCode()).isZero();
        // Another library written over the variant's file: the name is right, the code is not.
        assertThat(helpers(way, "-o", "h.module.bc", "variant.c").exitCode()).isZero();
        CommandResult other = moduleCrate(way, "other.o");
        assertThat(other.exitCode()).as(other.stderr()).isEqualTo(ExitCode.BAD_INPUT.status());
        assertThat(failureLine(other)).contains("h.module.bc is not the module variant h.bc was built with");
        assertThat(dir.resolve("other.o")).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void aLibraryNamedAsItsOwnVariantsFileIsRefused(Way way) {
        CommandResult named = helpers(way, "-o", "h.module.bc", "--variant", "module=-DMODULE", "variant.c");
        assertThat(named.exitCode()).as(named.stderr()).isEqualTo(ExitCode.BAD_INPUT.status());
        assertThat(failureLine(named)).contains("-o h.module.bc is the file name of variant module of h.bc");
        assertThat(dir.resolve("h.module.bc")).doesNotExist();
        assertThat(dir.resolve("h.module.module.bc")).doesNotExist();
    }
}
