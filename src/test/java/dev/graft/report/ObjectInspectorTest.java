package dev.graft.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ObjectInspectorTest {

    private static ObjectContents.CodeReference call(String function, String target) {
        return new ObjectContents.CodeReference(function, target, ObjectContents.Use.CALL);
    }

    private static ObjectContents.CodeReference address(String function, String target) {
        return new ObjectContents.CodeReference(function, target, ObjectContents.Use.ADDRESS);
    }

    @Test
    void attributesEachRelocationToTheFunctionWhoseCodeHoldsItAndLocalCallsToTheirFunction() {
        String objdump = """
                k.o:	file format elf64-x86-64

                SYMBOL TABLE:
                0000000000000000 l    d  .text.sum	0000000000000000 .text.sum
                0000000000000000 l    d  .text.rust_helper_local	0000000000000000 .text.rust_helper_local
                0000000000000000 l     F .text.rust_helper_local	0000000000000004 rust_helper_local
                0000000000000000 g     F .text.sum	000000000000000b sum
                0000000000000000 g     F .text.sum	0000000000000010 _ZN1k5other17h33312b704756a6caE
                0000000000000000         *UND*	0000000000000000 rust_helper_add

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
        ObjectContents contents = ObjectInspector.contents(objdump);
        assertThat(contents.references()).containsExactly(
                call("sum", "rust_helper_add"),
                call("_ZN1k5other17h33312b704756a6caE", "rust_helper_add"),
                call("_ZN1k5other17h33312b704756a6caE", ".rodata"),
                call("_ZN1k5other17h33312b704756a6caE", "rust_helper_local"));
        assertThat(contents.undefinedSymbols()).containsExactly("rust_helper_add");
        assertThat(contents.definedSymbols()).containsExactlyInAnyOrder("sum", "_ZN1k5other17h33312b704756a6caE",
                "rust_helper_local");
    }

    /** clang -O2 -c of a local function called from another section and taken by address in its own. */
    @Test
    void resolvesCallsWithinASectionAndRelocationsAgainstASectionPlusOffset() {
        String objdump = """
                SYMBOL TABLE:
                0000000000000000 l    df *ABS*	0000000000000000 s.c
                0000000000000000 l    d  .text	0000000000000000 .text
                0000000000000000 l    d  .text.other	0000000000000000 .text.other
                0000000000000010 l     F .text	0000000000000004 loc
                0000000000000000 g     F .text	0000000000000004 .hidden hid
                0000000000000000 g     F .text.other	000000000000000f other
                0000000000000020 g     F .text	0000000000000011 take
                0000000000000000         *UND*	0000000000000000 memset

                Disassembly of section .text:

                0000000000000000 <hid>:
                       0:      	leal	(%rdi,%rdi,2), %eax
                       3:      	jmp	0x0 <hid>
                       4:      	nopw	%cs:(%rax,%rax)

                0000000000000010 <loc>:
                      10:      	callq	0x10 <loc>
                      13:      	retq
                      14:      	nopw	%cs:(%rax,%rax)

                0000000000000020 <take>:
                      20:      	leaq	(%rip), %rcx            # 0x27 <take+0x7>
                		0000000000000023:  R_X86_64_PC32	hid-0x4
                      27:      	leaq	-0x1e(%rip), %rax       # 0x10 <loc>
                      2e:      	jmp	0x10 <loc>
                      30:      	jmp	0x35 <take+0x15>
                      35:      	jmp	0x3a <other>
                		0000000000000036:  R_X86_64_PLT32	memset-0x4

                Disassembly of section .text.other:

                0000000000000000 <other>:
                       3:      	callq	0x8 <other+0x8>
                		0000000000000004:  R_X86_64_PLT32	.text+0xc
                       e:      	jmpq	*(%rip)                 # 0x14 <other+0x14>
                		0000000000000010:  R_X86_64_GOTPCREL	memset-0x4
                """;
        ObjectContents contents = ObjectInspector.contents(objdump);
        assertThat(contents.references()).containsExactly(
                call("loc", "loc"),
                address("take", "hid"),
                address("take", "loc"),
                call("take", "loc"),
                call("take", "memset"),
                call("other", "loc"),
                call("other", "memset"));
        assertThat(contents.undefinedSymbols()).containsExactly("memset");
        assertThat(contents.definedSymbols()).containsExactlyInAnyOrder("loc", "hid", "other", "take");
    }

    /**
     * Linux 7.2's {@code Region::drop} on arm64: it picks {@code release_mem_region} or {@code release_region}
     * by address ({@code adrp}/{@code add}, two relocations each) and calls the one it picked through a
     * register, beside direct calls and a tail call; the Linux x86_64 kernel's {@code mov $f} is the same. A GOT
     * entry loaded into a register counts as a call: PIC code calls through it, perhaps many times.
     */
    @Test
    void tellsCallsAndTailCallsFromAddressesTaken() {
        String objdump = """
                SYMBOL TABLE:
                0000000000000000 l    d  .text	0000000000000000 .text
                0000000000000000 g     F .text	0000000000000030 drop
                0000000000000030 g     F .text	0000000000000008 tail
                0000000000000000         *UND*	0000000000000000 rust_helper_release_mem_region
                0000000000000000         *UND*	0000000000000000 rust_helper_release_region
                0000000000000000         *UND*	0000000000000000 rust_helper_refcount_inc

                Disassembly of section .text:

                0000000000000000 <drop>:
                       0:      	adrp	x8, 0x0 <drop>
                		0000000000000000:  R_AARCH64_ADR_PREL_PG_HI21	rust_helper_release_mem_region
                       4:      	add	x8, x8, #0x0
                		0000000000000004:  R_AARCH64_ADD_ABS_LO12_NC	rust_helper_release_mem_region
                       8:      	adrp	x9, 0x0 <drop>
                		0000000000000008:  R_AARCH64_ADR_PREL_PG_HI21	rust_helper_release_region
                       c:      	add	x9, x9, #0x0
                		000000000000000c:  R_AARCH64_ADD_ABS_LO12_NC	rust_helper_release_region
                      10:      	csel	x8, x8, x9, ne
                      14:      	blr	x8
                      18:      	bl	0x18 <drop+0x18>
                		0000000000000018:  R_AARCH64_CALL26	rust_helper_refcount_inc
                      1c:      	b.ne	0x1c <drop+0x1c>
                		000000000000001c:  R_AARCH64_CONDBR19	rust_helper_refcount_inc
                      20:      	ret

                0000000000000030 <tail>:
                      30:      	movq	$0x0, %rdi
                		0000000000000033:  R_X86_64_32S	rust_helper_release_region
                      37:      	movq	(%rip), %rbx
                		000000000000003a:  R_X86_64_REX_GOTPCRELX	rust_helper_refcount_inc-0x4
                      3e:      	callq	*%rbx
                      40:      	b	0x40 <tail+0x10>
                		0000000000000040:  R_AARCH64_JUMP26	rust_helper_refcount_inc
                """;
        assertThat(ObjectInspector.contents(objdump).references()).containsExactly(
                address("drop", "rust_helper_release_mem_region"),
                address("drop", "rust_helper_release_mem_region"),
                address("drop", "rust_helper_release_region"),
                address("drop", "rust_helper_release_region"),
                call("drop", "rust_helper_refcount_inc"),
                call("drop", "rust_helper_refcount_inc"),
                address("tail", "rust_helper_release_region"),
                call("tail", "rust_helper_refcount_inc"),
                call("tail", "rust_helper_refcount_inc"));
    }
}
