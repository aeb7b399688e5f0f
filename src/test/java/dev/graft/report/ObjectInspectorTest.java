package dev.graft.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectInspectorTest {

    @Test
    void attributesEachRelocationToTheFunctionWhoseCodeHoldsItAndLocalCallsToTheirFunction() {
        String objdump = """
                k.o:	file format elf64-x86-64

                Disassembly of section .text.sum:

                0000000000000000 <sum>:
                       0:      	pushq	%rbx
                       5:      	callq	0xa <sum+0xa>
                		0000000000000006:  R_X86_64_PLT32	rust_helper_add-0x4
                       a:      	retq

                0000000000000000 <_ZN1k5other17h33312b704756a6caE>:
                       0:      	jmp	0x5
                		0000000000000001:  R_X86_64_PLT32	rust_helper_add-0x4
                		0000000000000010:  R_X86_64_PC32	.rodata+0x10
                		0000000000000015:  R_X86_64_PLT32	.text.rust_helper_local-0x4
                """;
        assertThat(ObjectInspector.references(objdump)).containsExactly(
                new ObjectContents.CodeReference("sum", "rust_helper_add"),
                new ObjectContents.CodeReference("_ZN1k5other17h33312b704756a6caE", "rust_helper_add"),
                new ObjectContents.CodeReference("_ZN1k5other17h33312b704756a6caE", ".rodata"),
                new ObjectContents.CodeReference("_ZN1k5other17h33312b704756a6caE", "rust_helper_local"));
    }
}
