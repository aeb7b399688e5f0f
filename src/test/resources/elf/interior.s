# FunctionRemovalTest: a table in a section that stays points into the middle of a function; a replacement
# elsewhere could not honour that address, so the edit must be refused.
        .section .text.entered,"ax",@progbits
        .globl  entered
        .type   entered,@function
entered:
        xorl    %eax, %eax
.Lmiddle:
        ret
        .size   entered, .-entered

        .section .data.rel.ro.table,"aw",@progbits
        .globl  table
table:
        .quad   .Lmiddle
