package dev.graft.link;

import dev.graft.ir.FunctionSignature;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which declared/defined type pairs an adapter makes exact, and the adapter's code for them. */
class SignatureMismatchTest {

    private static FunctionSignature sig(String returnType, String... parameters) {
        return new FunctionSignature(returnType, List.of(parameters), false);
    }

    private static SignatureMismatch on(String triple, FunctionSignature declared, FunctionSignature defined) {
        return SignatureMismatch.of("h", declared, defined, triple);
    }

    @Test
    void aStructReturnedWiderIsZeroExtendedAsTheRegisterIs() {
        SignatureMismatch m = on("aarch64-unknown-none", sig("i64", "i32"), sig("i32", "i32"));
        assertThat(m.adapted()).isTrue();
        assertThat(m.adapterIr("")).contains("%r = call i32 @\"h\"(i32 %p0)", "zext i32 %r to i64", "ret i64 %c",
                "declare i32 @\"h\"(i32)", "linkonce_odr hidden i64", "alwaysinline");
    }

    @Test
    void widerArgumentsAreTruncatedAndAnIgnoredResultIsDropped() {
        SignatureMismatch m = on("x86_64-unknown-linux-gnu", sig("void", "i64", "ptr"), sig("i32", "i32", "ptr"));
        assertThat(m.adapted()).isTrue();
        assertThat(m.adapterIr("")).contains("%a0 = trunc i64 %p0 to i32", "call i32 @\"h\"(i32 %a0, ptr %p1)",
                "ret void");
    }

    @Test
    void differencesNoRegisterMakesTheSameAreRefusedWithTheReason() {
        assertThat(on("x86_64-linux-gnu", sig("i64", "i64"), sig("i32", "i32", "i32")).refusal())
                .hasValueSatisfying(r -> assertThat(r).contains("different numbers of arguments"));
        assertThat(on("x86_64-linux-gnu", sig("i32", "i32"), sig("i32", "i64")).refusal())
                .hasValueSatisfying(r -> assertThat(r).contains("upper bits are unspecified"));
        assertThat(on("x86_64-linux-gnu", sig("i32", "i32"), sig("i8", "i32")).refusal())
                .hasValueSatisfying(r -> assertThat(r).contains("the helper's own convention"));
        assertThat(on("x86_64-linux-gnu", sig("double", "i32"), sig("i64", "i32")).refusal())
                .hasValueSatisfying(r -> assertThat(r).contains("no register conversion"));
        assertThat(on("x86_64-linux-gnu", sig("i32", "i32"), sig("i32", "i1")).refusal())
                .hasValueSatisfying(r -> assertThat(r).contains("C bool"));
        assertThat(on("x86_64-linux-gnu", sig("i32", "i32"), sig("void", "i32")).refusal()).isPresent();
        assertThat(on("riscv64-unknown-linux-gnu", sig("i64", "i32"), sig("i32", "i32")).refusal())
                .hasValueSatisfying(r -> assertThat(r).contains("riscv64"));
    }

    @Test
    void twoDeclarationsOfOneHelperGetTwoAdapters() {
        assertThat(on("x86_64", sig("i64", "i32"), sig("i32", "i32")).adapterName())
                .isNotEqualTo(on("x86_64", sig("void", "i32"), sig("i32", "i32")).adapterName())
                .startsWith("h.graft-adapter.");
    }
}
