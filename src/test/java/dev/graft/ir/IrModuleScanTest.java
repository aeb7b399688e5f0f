package dev.graft.ir;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class IrModuleScanTest {

    @Test
    void findsDefinitionsBehindStructReturnTypesAndAttributeBraces() throws IrParseException {
        IrModuleScan scan = IrModuleScan.of("""
                define { i64, i64 } @pair(i64 %a) #0 {
                entry:
                  %s = insertvalue { i64, i64 } poison, i64 %a, 0
                  ret { i64, i64 } %s
                }
                define internal fastcc <4 x i32> @vec(...) unnamed_addr section "s" comdat($vec) align 16 !dbg !3 {
                  ret <4 x i32> zeroinitializer
                }
                attributes #0 = { nounwind "target-features"="+sse" }
                """);
        assertThat(scan.definitions()).extracting(FunctionDefinition::name).containsExactly("pair", "vec");
        FunctionDefinition vec = scan.definition("vec").orElseThrow();
        assertThat(vec.linkage()).isEqualTo(Linkage.INTERNAL);
        assertThat(vec.variadic()).isTrue();
        assertThat(vec.section()).contains("s");
        assertThat(vec.hasComdat()).isTrue();
    }

    @Test
    void findsDirectCallsInEveryFormRustcAndClangWrite() throws IrParseException {
        IrModuleScan scan = IrModuleScan.of("""
                define void @"_ZN4demo3run17h0123456789abcdefE"(ptr %f) personality ptr @rust_eh_personality {
                start:
                  %a = tail call noundef i32 @rust_helper_add(i32 noundef 1, i32 2) #4, !noalias !7
                  %b = call i32 (ptr, ...) @printf(ptr @fmt, i32 %a)
                  call void %f()
                  call void asm sideeffect "nop", ""()
                  invoke void @may_unwind() [ "funclet"(token none) ]
                          to label %ok unwind label %bad
                ok:
                  musttail call fastcc void @rust_helper_tail(ptr @"quoted global")
                  ret void
                bad:
                  ret void
                }
                declare i32 @rust_helper_add(i32, i32)
                declare i32 @printf(ptr, ...)
                """);
        String caller = "_ZN4demo3run17h0123456789abcdefE";
        assertThat(scan.callSites()).containsExactly(new CallSite(caller, "rust_helper_add"),
                new CallSite(caller, "printf"), new CallSite(caller, "may_unwind"),
                new CallSite(caller, "rust_helper_tail"));
        assertThat(scan.declarations().stream().map(FunctionDeclaration::name))
                .containsExactly("rust_helper_add", "printf");
    }

    @Test
    void tellsGlobalDefinitionsFromDeclarations() throws IrParseException {
        IrModuleScan scan = IrModuleScan.of("""
                @a = dso_local global i32 1, align 4
                @b = external global i32
                @c = internal thread_local(initialexec) global i32 0
                @d = private unnamed_addr constant [2 x i8] c"x\\00"
                @e = dso_local alias i32 (i32), ptr @f
                """);
        assertThat(scan.globals()).extracting(GlobalVariable::name, GlobalVariable::linkage, GlobalVariable::kind,
                GlobalVariable::definition).containsExactly(
                tuple("a", Linkage.EXTERNAL, "global", true),
                tuple("b", Linkage.EXTERNAL, "global", false),
                tuple("c", Linkage.INTERNAL, "global", true),
                tuple("d", Linkage.PRIVATE, "constant", true),
                tuple("e", Linkage.EXTERNAL, "alias", true));
        GlobalVariable alias = scan.globals().getLast();
        assertThat(alias.valueType()).isEqualTo("i32 ( i32 )");
        assertThat(alias.operands()).containsExactly("f");
    }

    @Test
    void namesTheFunctionsAConstructorListHolds() throws IrParseException {
        String ir = "@llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] "
                + "[{ i32, ptr, ptr } { i32 65535, ptr @init, ptr null }]\n";
        IrModuleScan scan = IrModuleScan.of(ir);
        assertThat(scan.globals().getFirst().operands()).containsExactly("init");
        assertThat(ir.substring(scan.globals().getFirst().start(), scan.globals().getFirst().end()))
                .isEqualTo(ir.strip());
    }

    @Test
    void anUnterminatedBodyIsAParseErrorWithItsPosition() {
        assertThatThrownBy(() -> IrModuleScan.of("define void @f() {\n  ret void\n"))
                .isInstanceOf(IrParseException.class).hasMessageStartingWith("line 1:18:");
    }
}
