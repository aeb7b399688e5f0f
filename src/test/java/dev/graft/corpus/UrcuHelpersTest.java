package dev.graft.corpus;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * liburcu's inline API (urcu-memb flavour, {@code _LGPL_SOURCE}): read-side locks, rcu_dereference and
 * rcu_assign_pointer and their kin, the uatomic family and the barriers, wrapped one function per
 * inline function or macro (corpus/liburcu/helpers.list) and built with {@code pkg-config --cflags
 * liburcu-memb} and -O2. Most are inline assembly and the read side uses the library's thread-local
 * reader state: graft inlines every call site with both backends, and the Rust program prints what the
 * C program calling the inline API directly prints.
 */
class UrcuHelpersTest {

    /** The instructions liburcu's x86 headers write as inline assembly (fences, locked atomics, pause). */
    private static final Pattern BARRIERS =
            Pattern.compile("\\s(mfence|sfence|lfence|pause|lock|xchgq?|cmpxchgq?|xaddq?)\\s");
    private static final Pattern TLS = Pattern.compile("(R_X86_64_\\w+)\\s+urcu_memb_reader");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"inprocess", "tools"})
    void everyHelperInlinesAndTheRustProgramPrintsWhatTheCProgramPrints(String backend) throws Exception {
        WrappedLibraryCorpus urcu = new WrappedLibraryCorpus("liburcu", dir);
        assertThat(urcu.helperNames()).contains("urcu_memb_read_lock__extern", "urcu_memb_read_unlock__extern",
                "rcu_dereference__extern", "rcu_assign_pointer__extern", "uatomic_cmpxchg__extern",
                "uatomic_add_return__extern");
        WrappedLibraryCorpus.GraftBuild build = urcu.checkAgainstC(backend, "1000");

        // What the headers ask for survives inlining into Rust: each fence and locked instruction the C
        // program has, and the reader state's thread-local access model (the C object's relocation).
        String rust = urcu.disassemble(build.object());
        String c = urcu.disassemble(urcu.cObject());
        assertThat(TextMatches.firstGroups(BARRIERS, rust)).containsAll(TextMatches.firstGroups(BARRIERS, c))
                .contains("mfence", "lock", "pause");
        assertThat(TextMatches.firstGroups(TLS, rust)).isNotEmpty().isEqualTo(TextMatches.firstGroups(TLS, c));
    }
}
