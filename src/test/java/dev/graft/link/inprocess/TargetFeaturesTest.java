package dev.graft.link.inprocess;

import dev.graft.link.inprocess.TargetFeatures.FeatureClass;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TargetFeaturesTest {

    private static final TargetFeatures USER_SPACE_C = TargetFeatures.parse("x86-64",
            "+cmov,+cx8,+fxsr,+mmx,+sse,+sse2,+x87");
    private static final TargetFeatures KERNEL_RUST = TargetFeatures.parse("x86-64",
            "-mmx,+soft-float,+retpoline-external-thunk,+retpoline-indirect-branches,+retpoline-indirect-calls,"
                    + "-sse,-sse2,-sse3,-avx");

    @Test
    void theLastMentionOfAFeatureWins() {
        assertThat(TargetFeatures.parse("x86-64", "+avx,-avx").enabled("avx")).contains(false);
        assertThat(TargetFeatures.parse("x86-64", "-avx,+avx").enabled("avx")).contains(true);
    }

    @Test
    void switchingOffAFeatureSwitchesOffThoseThatNeedIt() {
        TargetFeatures noSse = TargetFeatures.parse("x86-64-v3", "-sse");
        assertThat(noSse.enabled("sse2")).contains(false);
        assertThat(noSse.enabled("avx2")).contains(false);
        assertThat(noSse.enabled("popcnt")).contains(true);
    }

    @Test
    void theCpuImpliesItsLevelAndAnUnknownCpuIsUnknownBeyondTheBaseline() {
        assertThat(TargetFeatures.parse("x86-64", "").enabled("sse2")).contains(true);
        assertThat(TargetFeatures.parse("x86-64", "").enabled("avx2")).contains(false);
        assertThat(TargetFeatures.parse("x86-64-v3", "").enabled("avx2")).contains(true);
        assertThat(TargetFeatures.parse("skylake", "").enabled("avx2")).isEmpty();
        assertThat(TargetFeatures.parse("skylake", "").enabled("sse2")).contains(true);
    }

    @Test
    void userSpaceHelpersMissFloatingPointFeaturesInKernelRust() {
        assertThat(USER_SPACE_C.missingIn(KERNEL_RUST)).isEqualTo(Set.of("mmx", "sse", "sse2"));
        assertThat(KERNEL_RUST.missingIn(USER_SPACE_C)).contains("retpoline-indirect-calls", "soft-float");
        assertThat(USER_SPACE_C.missingIn(TargetFeatures.parse("x86-64", ""))).isEmpty();
        assertThat(TargetFeatures.parse("x86-64-v3", "").missingIn(TargetFeatures.parse("skylake", "")))
                .as("unknown in the caller: LLVM decides").isEmpty();
    }

    @Test
    void switchedOffFeaturesAreWrittenExplicitly() {
        TargetFeatures aligned = USER_SPACE_C.without(Set.of("sse", "sse2", "mmx"));
        assertThat(aligned.featureString()).isEqualTo("+cmov,+cx8,+fxsr,+x87,-mmx,-sse,-sse2");
        assertThat(aligned.missingIn(KERNEL_RUST)).isEmpty();
    }

    @Test
    void featuresAreClassedByTheCodeTheyChange() {
        assertThat(FeatureClass.of("retpoline-indirect-calls")).isEqualTo(FeatureClass.INDIRECT_BRANCH_MITIGATION);
        assertThat(FeatureClass.of("sse4.2")).isEqualTo(FeatureClass.FLOATING_POINT_AND_VECTOR);
        assertThat(FeatureClass.of("soft-float")).isEqualTo(FeatureClass.FLOATING_POINT_AND_VECTOR);
        assertThat(FeatureClass.of("popcnt")).isEqualTo(FeatureClass.OTHER);
    }
}
