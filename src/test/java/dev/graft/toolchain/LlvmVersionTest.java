package dev.graft.toolchain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LlvmVersionTest {

    @Test
    void readsTheVersionFromEachToolsBanner() {
        assertThat(LlvmVersion.find("Debian clang version 22.1.8 (1~deb12u1)\nTarget: x", "clang version"))
                .contains(new LlvmVersion(22, 1, 8));
        assertThat(LlvmVersion.find("LLVM (http://llvm.org/):\n  LLVM version 14.0.6\n", "LLVM version"))
                .contains(new LlvmVersion(14, 0, 6));
        assertThat(LlvmVersion.find("release: 1.95.0\nLLVM version: 22.1.2\n", "LLVM version:"))
                .contains(new LlvmVersion(22, 1, 2));
        assertThat(LlvmVersion.find("no version here", "LLVM version")).isEmpty();
    }
}
