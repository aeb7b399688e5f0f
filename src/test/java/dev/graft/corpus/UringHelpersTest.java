package dev.graft.corpus;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * liburing's inline API ({@code <liburing.h>}, Debian 12's liburing-dev 2.3): the whole
 * {@code io_uring_prep_*} family, SQE user data and flags, getting an SQE, the SQ and CQ ring
 * accessors, peeking, waiting for and seeing CQEs, and the provided-buffer ring, wrapped as bindgen
 * would (corpus/liburing/helpers.list) and built with {@code pkg-config --cflags liburing} and -O2.
 * No io_uring syscall is made: SQEs are memory the programs own, and the rings a {@code struct
 * io_uring} over memory they allocated, completed by the program itself. graft inlines every call
 * site with both backends, and the Rust program prepares the same SQE words and reaps the same CQEs
 * as the C program calling the inline functions directly.
 */
class UringHelpersTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void everyUringHelperInlinesAndTheRustProgramPrintsWhatTheCProgramPrints(String backend) throws Exception {
        WrappedLibraryCorpus uring = new WrappedLibraryCorpus("liburing", dir);
        assertThat(uring.helperNames()).contains("io_uring_get_sqe__extern", "io_uring_prep_read__extern",
                "io_uring_prep_nop__extern", "io_uring_sqe_set_data64__extern", "io_uring_peek_cqe__extern",
                "io_uring_cqe_seen__extern", "io_uring_cq_advance__extern", "io_uring_cq_ready__extern");
        WrappedLibraryCorpus.GraftBuild build = uring.checkAgainstC(backend, "5000");

        // The program prints one SQE per prep helper of the list, so a helper added to the list without
        // its line in the programs is caught here, not only by the report's count of helpers called.
        long prepHelpers = uring.helperNames().stream().filter(n -> n.startsWith("io_uring_prep_")).count();
        assertThat(uring.runProgram(build.program(), "run", "0").lines().filter(l -> l.startsWith("prep ")))
                .hasSize((int) prepHelpers);

        // At -O2 the C program keeps no inline helper out of line, and neither does the graft-built
        // object: what it still calls of liburing is the library's own __io_uring_get_cqe, which
        // io_uring_peek_cqe reaches when the ring is empty, as the C program does.
        assertThat(uring.disassemble(uring.cObject())).doesNotContain("<io_uring_");
        assertThat(uring.disassemble(build.object())).doesNotContain("<io_uring_")
                .contains("__io_uring_get_cqe");
    }
}
