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
    void elfSystemVTargetsOfOneArchitectureCallCTheSameWay() {
        // The Linux kernel's pairs: C for <arch>-linux-gnu, Rust for a bare-metal target.
        assertThat(TargetIdentity.compatible("aarch64-unknown-linux-gnu", "aarch64-unknown-none")).isTrue();
        assertThat(TargetIdentity.compatible("x86_64-unknown-linux-gnu", "x86_64-unknown-none-elf")).isTrue();
        assertThat(TargetIdentity.compatible("x86_64-unknown-linux-musl", "x86_64-unknown-linux-gnu")).isTrue();
        assertThat(TargetIdentity.compatible("x86_64-unknown-freebsd", "x86_64-unknown-linux-gnu")).isTrue();
    }

    @Test
    void anotherArchitectureOrCallingConventionIsNot() {
        assertThat(TargetIdentity.compatible("aarch64-unknown-linux-gnu", "x86_64-unknown-linux-gnu")).isFalse();
        assertThat(TargetIdentity.compatible("x86_64-pc-windows-msvc", "x86_64-unknown-linux-gnu")).isFalse();
        assertThat(TargetIdentity.compatible("x86_64-unknown-uefi", "x86_64-unknown-none")).isFalse();
        assertThat(TargetIdentity.compatible("aarch64-apple-darwin", "aarch64-unknown-linux-gnu")).isFalse();
        assertThat(TargetIdentity.compatible("x86_64-unknown-linux-gnux32", "x86_64-unknown-linux-gnu")).isFalse();
        // 32-bit Arm: the environment chooses the float ABI (gnueabihf, gnueabi), so no OS difference is trusted.
        assertThat(TargetIdentity.compatible("armv7-unknown-linux-gnueabihf", "armv7-unknown-none-eabi")).isFalse();
    }

    @Test
    void readsTripleAndDataLayoutFromTheModuleHeader() {
        TargetIdentity t = TargetIdentity.ofIr("; ModuleID = 'k'\nsource_filename = \"k\"\n"
                + "target datalayout = \"e-m:e-i64:64\"\ntarget triple = \"x86_64-unknown-linux-gnu\"\n");
        assertThat(t).isEqualTo(new TargetIdentity("x86_64-unknown-linux-gnu", "e-m:e-i64:64"));
        assertThat(TargetIdentity.ofIr("; no target\n")).isEqualTo(new TargetIdentity("", ""));
    }
}
