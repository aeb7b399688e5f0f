package dev.graft.helpers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetIdentityTest {

    @Test
    void theVendorDoesNotCount() {
        assertThat(TargetIdentity.sameTarget("x86_64-pc-linux-gnu", "x86_64-unknown-linux-gnu")).isTrue();
        assertThat(TargetIdentity.sameTarget("aarch64-unknown-none", "aarch64-none")).isTrue();
    }

    @Test
    void architectureOsAndEnvironmentDo() {
        assertThat(TargetIdentity.sameTarget("aarch64-unknown-linux-gnu", "x86_64-unknown-linux-gnu")).isFalse();
        assertThat(TargetIdentity.sameTarget("x86_64-unknown-linux-musl", "x86_64-unknown-linux-gnu")).isFalse();
        assertThat(TargetIdentity.sameTarget("x86_64-unknown-freebsd", "x86_64-unknown-linux-gnu")).isFalse();
    }

    @Test
    void aFreestandingCrateTakesHelpersOfItsArchitectureForAnyOs() {
        assertThat(TargetIdentity.freestandingCrate("aarch64-unknown-linux-gnu", "aarch64-unknown-none")).isTrue();
        assertThat(TargetIdentity.freestandingCrate("x86_64-unknown-linux-gnu", "aarch64-unknown-none")).isFalse();
        assertThat(TargetIdentity.freestandingCrate("aarch64-unknown-none", "aarch64-unknown-linux-gnu"))
                .as("only a freestanding crate is let off (the kernel's case)").isFalse();
    }

    @Test
    void readsTripleAndDataLayoutFromTheModuleHeader() {
        TargetIdentity t = TargetIdentity.ofIr("; ModuleID = 'k'\nsource_filename = \"k\"\n"
                + "target datalayout = \"e-m:e-i64:64\"\ntarget triple = \"x86_64-unknown-linux-gnu\"\n");
        assertThat(t).isEqualTo(new TargetIdentity("x86_64-unknown-linux-gnu", "e-m:e-i64:64"));
        assertThat(TargetIdentity.ofIr("; no target\n")).isEqualTo(new TargetIdentity("", ""));
    }
}
