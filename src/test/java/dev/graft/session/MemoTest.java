package dev.graft.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The memo forgets its cache when it grows past its limit, never what the JVM is: a warm server that has seen
 * more than {@value Memo#LIMIT} cargo packages (each a key of its own) still knows which toolchain's libLLVM it
 * loaded, so a request for another toolchain is still handed back (ServedElsewhere), not served with this one.
 */
class MemoTest {

    @Test
    void theServedToolchainOutlivesTheLimitAndTheCacheStartsOver() {
        Memo memo = new Memo();
        assertThat(memo.keepFirst(Memo.SERVED_TOOLCHAIN, "rustc 1.95.0 (LLVM 22)", String.class))
                .isEqualTo("rustc 1.95.0 (LLVM 22)");
        memo.keep(List.of("toolchain", "/src/first-package"), "remembered");
        for (int i = 0; i <= Memo.LIMIT; i++) {
            memo.keep(List.of("toolchain", "/src/package-" + i), "remembered");
        }
        assertThat(memo.recall(List.of("toolchain", "/src/first-package"), String.class)).isEmpty();
        assertThat(memo.recall(Memo.SERVED_TOOLCHAIN, String.class)).contains("rustc 1.95.0 (LLVM 22)");
        assertThat(memo.keepFirst(Memo.SERVED_TOOLCHAIN, "rustc 1.96.0-nightly (LLVM 23)", String.class))
                .isEqualTo("rustc 1.95.0 (LLVM 22)");
    }
}
