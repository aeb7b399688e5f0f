package dev.graft.link.inprocess;

import dev.graft.llvm.Context;
import dev.graft.llvm.Llvm;
import dev.graft.llvm.Module;
import dev.graft.llvm.TargetMachine;
import dev.graft.testkit.TestToolchain;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both ways {@link InlineSteps} keeps its clean-up to the functions inlining changed (LLVM 20's one function
 * at a time, and the {@code optnone} marks an older libLLVM needs), on IR whose clean-up is visible: a helper
 * inlined into {@code caller} leaves two loads of one address that early-cse merges, and {@code untouched}
 * has the same redundant pair, which must stay; the marks are gone afterwards.
 */
class InlineStepsTest {

    private static final String IR = """
            target triple = "x86_64-unknown-linux-gnu"

            define linkonce_odr i32 @rust_helper_read(ptr %p) {
              %v = load i32, ptr %p
              ret i32 %v
            }

            define i32 @caller(ptr %p) {
              %a = call i32 @rust_helper_read(ptr %p)
              %b = load i32, ptr %p
              %s = add i32 %a, %b
              ret i32 %s
            }

            define i32 @untouched(ptr %p) #0 {
              %a = load i32, ptr %p
              %b = load i32, ptr %p
              %s = add i32 %a, %b
              ret i32 %s
            }

            attributes #0 = { noinline }
            """;

    @ParameterizedTest(name = "one function at a time: {0}")
    @ValueSource(booleans = {true, false})
    void onlyTheChangedFunctionIsCleanedUp(boolean oneFunctionAtATime) throws Exception {
        Llvm llvm = InProcessBackend.load(TestToolchain.require().llvm());
        try (Context context = llvm.newContext();
             Module crate = Module.parseIr(context, IR, "steps");
             TargetMachine machine = TargetMachine.create(llvm, "x86_64-unknown-linux-gnu", "x86-64", "",
                     TargetMachine.Relocation.PIC, TargetMachine.CodeModel.DEFAULT, TargetMachine.OptLevel.DEFAULT)) {
            if (oneFunctionAtATime) {
                assertThat(crate.canRunPassesOnOneFunction()).as("LLVM " + llvm.version()).isTrue();
            }
            InlineSteps.run(context, crate, machine, oneFunctionAtATime);
            String ir = crate.print();
            String caller = body(ir, "@caller(");
            String untouched = body(ir, "@untouched(");
            assertThat(caller).as("inlined and cleaned up").doesNotContain("call ")
                    .containsOnlyOnce("load i32");
            assertThat(untouched).as("as it was").contains("%a = load i32", "%b = load i32");
            assertThat(ir).doesNotContain("optnone").contains("attributes #0 = { noinline }");
            assertThat(ir).as("globaldce ran").doesNotContain("@rust_helper_read(");
        }
    }

    /** A function's body as LLVM prints it: from its {@code define} line to its closing brace. */
    private static String body(String ir, String function) {
        int start = ir.lines().filter(l -> l.startsWith("define") && l.contains(function)).findFirst()
                .map(ir::indexOf).orElseThrow(() -> new AssertionError(function + " not defined in:\n" + ir));
        return ir.substring(start, ir.indexOf("\n}", start));
    }
}
