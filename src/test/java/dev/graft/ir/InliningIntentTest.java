package dev.graft.ir;

import dev.graft.process.Command;
import dev.graft.process.CommandResult;
import dev.graft.process.ProcessRunner;
import dev.graft.testkit.TestToolchain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InliningIntentTest {

    @TempDir
    Path dir;

    /** What clang writes with -O2 -Xclang -disable-llvm-passes: the always_inline callee is still called. */
    private static final String UNOPTIMIZED = """
            define dso_local i32 @wraps_always(ptr noundef %r) #0 {
              %v = call i32 @ring_count(ptr noundef %r)
              ret i32 %v
            }
            define dso_local i32 @wraps_plain(ptr noundef %r) #0 {
              %v = call i32 @plain_inline(ptr noundef %r)
              ret i32 %v
            }
            define internal i32 @ring_count(ptr noundef %r) #1 {
              ret i32 0
            }
            define internal i32 @plain_inline(ptr noundef %r) #0 {
              %v = call i32 @ring_count(ptr noundef %r)
              ret i32 %v
            }
            attributes #0 = { nounwind "target-cpu"="corei7" }
            attributes #1 = { alwaysinline nounwind "target-cpu"="corei7" }
            """;

    @Test
    void findsExternalFunctionsThatCallAnAlwaysInlineFunction() throws IrParseException {
        // plain_inline calls one too, but it is static: not a helper
        assertThat(InliningIntent.wrappers(UNOPTIMIZED)).isEqualTo(Map.of("wraps_always", "ring_count"));
    }

    @Test
    void recordsTheWrappedFunctionWhereLlvmReadsFunctionAttributes() throws Exception {
        String optimized = """
                define linkonce_odr dso_local i32 @wraps_always(ptr noundef readonly captures(none) %r) local_unnamed_addr #0 section ".text.w" !dbg !4 {
                  ret i32 0
                }
                define linkonce_odr i32 @wraps_plain(ptr %r) addrspace(0) {
                  ret i32 1
                }
                attributes #0 = { nounwind "target-cpu"="corei7" }
                !llvm.module.flags = !{!0}
                !0 = !{i32 2, !"Debug Info Version", i32 3}
                !4 = distinct !{}
                """;
        InliningIntent.Marked marked = InliningIntent.mark(optimized,
                Map.of("wraps_always", "ring_count", "wraps_plain", "other"));
        assertThat(marked.marked()).containsExactlyInAnyOrder("wraps_always", "wraps_plain");
        assertThat(marked.irText()).contains("local_unnamed_addr \"graft-wraps-always-inline\"=\"ring_count\" #0",
                "addrspace(0) \"graft-wraps-always-inline\"=\"other\" {");
        Path ll = dir.resolve("m.ll");
        Files.writeString(ll, marked.irText().replace("!dbg !4", ""));
        CommandResult assembled = ProcessRunner.quiet().run(Command.of(TestToolchain.require().llvm().llvmAs(),
                List.of(ll.toString(), "-o", dir.resolve("m.bc").toString())));
        assertThat(assembled.exitCode()).as(assembled.stderr()).isZero();
    }

    @Test
    void leavesAHelperCompiledAtO0AloneWithANote() throws IrParseException {
        String o0 = """
                define dso_local i32 @wraps_always(ptr noundef %r) #0 {
                  ret i32 0
                }
                attributes #0 = { noinline nounwind optnone }
                """;
        InliningIntent.Marked marked = InliningIntent.mark(o0, Map.of("wraps_always", "ring_count"));
        assertThat(marked.marked()).isEmpty();
        assertThat(marked.irText()).isEqualTo(o0);
        assertThat(marked.notes()).singleElement().asString().contains("noinline/optnone", "@ring_count");
    }
}
