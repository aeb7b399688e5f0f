package dev.graft.link.inprocess;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CallerTargetTest {

    private static final TargetFeatures RUST_DEFAULT = TargetFeatures.parse("x86-64", "");

    @Test
    void namesTheHelpersCpuWhenItHasOne() {
        TargetFeatures dpdk = TargetFeatures.parse("corei7", "+crc32,+cx16,+popcnt,+sahf,+sse4.2");
        assertThat(CallerTarget.fix(dpdk, RUST_DEFAULT, Set.of("crc32", "sse4.2")))
                .startsWith("to match the helper, build the crate with -Ctarget-cpu=corei7, or pass "
                        + "--caller-features-from-helpers");
    }

    @Test
    void addsTheFeaturesAKnownCpuDoesNotImply() {
        TargetFeatures helper = TargetFeatures.parse("x86-64-v2", "+avx2");
        assertThat(CallerTarget.fix(helper, RUST_DEFAULT, Set.of("avx", "avx2", "sse4.2")))
                .contains("with -Ctarget-cpu=x86-64-v2 -Ctarget-feature=+avx,+avx2,");
    }

    @Test
    void namesTheFeaturesWhenTheHelperHasNoCpuOfItsOwn() {
        TargetFeatures helper = TargetFeatures.parse("x86-64", "+sse4.2,+popcnt");
        assertThat(CallerTarget.fix(helper, RUST_DEFAULT, Set.of("popcnt", "sse4.2")))
                .contains("with -Ctarget-feature=+popcnt,+sse4.2,");
    }
}
