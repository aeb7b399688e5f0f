package dev.graft.corpus;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * libxdp's AF_XDP ring API ({@code <xdp/xsk.h>}, Debian 12's libxdp-dev): every inline ring function
 * (reserve/submit, peek/cancel/release, the descriptor and address accessors, the umem address
 * helpers) wrapped as bindgen would (corpus/libxdp/helpers.list), built with {@code pkg-config --cflags
 * libxdp libbpf} and -O2. The rings are plain memory seen from both ends, so the programs run without
 * a socket: graft inlines every call site with both backends, and the Rust program moves the same
 * packets through the same ring states as the C program calling the inline functions directly.
 */
class XdpHelpersTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void everyRingHelperInlinesAndTheRustProgramPrintsWhatTheCProgramPrints(String backend) throws Exception {
        WrappedLibraryCorpus xdp = new WrappedLibraryCorpus("libxdp", dir);
        assertThat(xdp.helperNames()).contains("xsk_ring_prod__reserve__extern", "xsk_ring_prod__submit__extern",
                "xsk_ring_cons__peek__extern", "xsk_ring_cons__release__extern", "xsk_ring_prod__fill_addr__extern",
                "xsk_ring_cons__rx_desc__extern");
        WrappedLibraryCorpus.GraftBuild build = xdp.checkAgainstC(backend, "5000");

        // The header's functions are always_inline: with -O2 neither the C program nor the graft-built
        // object keeps a ring function or wrapper out of line.
        assertThat(xdp.disassemble(xdp.cObject())).doesNotContain("<xsk_");
        assertThat(xdp.disassemble(build.object())).doesNotContain("<xsk_");
    }
}
