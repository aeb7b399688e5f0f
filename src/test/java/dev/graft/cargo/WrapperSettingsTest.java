package dev.graft.cargo;

import dev.graft.GraftException;
import dev.graft.job.BackendSettings;
import dev.graft.link.InliningOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** graft rustc's options for the wrapper form: the environment, else the crate's [package.metadata.graft]. */
class WrapperSettingsTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreGraftRustcsDefaults() throws GraftException {
        WrapperSettings settings = WrapperSettings.read(Map.of(), dir);
        assertThat(settings.backend()).as("graft rustc's defaults").isEqualTo(BackendSettings.DEFAULT);
        assertThat(settings.manifest()).isEmpty();
    }

    @Test
    void theCratesMetadataSetsWhatTheEnvironmentDoesNot() throws Exception {
        Files.writeString(dir.resolve("Cargo.toml"), """
                [package]
                name = "x"

                [package.metadata.graft]
                caller-features-from-helpers = true   # the program requires the C's CPU
                opt = "full"

                [dependencies]
                backend = "not ours"
                """);
        WrapperSettings settings = WrapperSettings.read(Map.of("CARGO_MANIFEST_DIR", dir.toString(),
                "GRAFT_OPT", "inline"), dir);
        assertThat(settings.backend().inlining().callerFeaturesFromHelpers()).isTrue();
        assertThat(settings.backend().optimization()).as("the environment wins").isEqualTo("inline");
        assertThat(settings.backend().name()).isEqualTo("inprocess");
        assertThat(settings.manifest()).contains(dir.resolve("Cargo.toml"));
        assertThat(WrapperSettings.read(Map.of("CARGO_MANIFEST_DIR", dir.toString(),
                "GRAFT_CALLER_FEATURES_FROM_HELPERS", "0"), dir).backend().inlining().callerFeaturesFromHelpers()).isFalse();
    }

    @Test
    void unknownKeysAndValuesAreRefusedWithWhereTheyWere() throws Exception {
        Files.writeString(dir.resolve("Cargo.toml"), "[package.metadata.graft]\ncaller-features = true\n");
        assertThatThrownBy(() -> WrapperSettings.read(Map.of("CARGO_MANIFEST_DIR", dir.toString()), dir))
                .isInstanceOf(GraftException.class).hasMessageContaining("has 'caller-features = true'");
        assertThatThrownBy(() -> WrapperSettings.read(Map.of("GRAFT_FORCE_INLINE", "yes please"), dir))
                .isInstanceOf(GraftException.class)
                .hasMessageContaining("GRAFT_FORCE_INLINE=yes please: --force-inline is on or off");
    }

    @Test
    void graftRustcReadsTheSettingsVariableAsTheWrapperDoes() throws Exception {
        String variable = InliningOptions.CALLER_FEATURES_ENVIRONMENT;
        for (String off : new String[]{"0", "false", "no", "off", ""}) {
            assertThat(WrapperSettings.flagFromEnvironment(Map.of(variable, off), variable)).as(off).isFalse();
            assertThat(WrapperSettings.read(Map.of(variable, off), dir).backend().inlining().callerFeaturesFromHelpers()).isFalse();
        }
        for (String on : new String[]{"1", "true", "YES", "on"}) {
            assertThat(WrapperSettings.flagFromEnvironment(Map.of(variable, on), variable)).as(on).isTrue();
        }
        assertThat(WrapperSettings.flagFromEnvironment(Map.of(), variable)).isFalse();
        assertThatThrownBy(() -> WrapperSettings.flagFromEnvironment(Map.of(variable, "maybe"), variable))
                .isInstanceOf(GraftException.class).hasMessageContaining(variable + "=maybe");
    }
}
