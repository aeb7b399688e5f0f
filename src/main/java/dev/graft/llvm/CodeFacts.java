package dev.graft.llvm;

import java.util.List;

/**
 * What a function's code does that decides whether a target feature can matter to it, copied out of
 * LLVM so it outlives the module.
 *
 * @param indirectBranches each instruction that may become an indirect call or jump at code generation
 *                         (an indirect call, {@code indirectbr}, {@code callbr}, a {@code switch} that
 *                         could become a jump table), described for a person
 * @param floatingPointOrVector whether any instruction, operand or the signature has a floating-point or
 *                         vector type
 * @param inlineAsm        whether the code holds inline assembly (which may do anything); an empty template,
 *                         a compiler barrier ({@code asm volatile("" ::: "memory")}), emits no instruction
 *                         and does not count
 * @param targetIntrinsics target-specific intrinsics it calls ({@code llvm.x86.*}, {@code llvm.aarch64.*}, ...), which may need
 *                         particular target features to be selected
 * @param stackObjects     whether it has stack objects ({@code alloca}) that a stack protector would guard
 * @param genericIntrinsics the target-independent intrinsics it calls ({@code llvm.ctpop.i32}, ...), which
 *                         every CPU lowers correctly, some far faster with an ISA extension
 */
public record CodeFacts(List<String> indirectBranches, boolean floatingPointOrVector, boolean inlineAsm,
                        List<String> targetIntrinsics, boolean stackObjects, List<String> genericIntrinsics) {

    public CodeFacts {
        indirectBranches = List.copyOf(indirectBranches);
        targetIntrinsics = List.copyOf(targetIntrinsics);
        genericIntrinsics = List.copyOf(genericIntrinsics);
    }

    /**
     * What in this code can depend on the target's features, whatever they are: inline assembly, a target
     * intrinsic, a floating-point or vector value; empty when nothing does. Integer and memory operations,
     * generic intrinsics and calls are lowered correctly for any CPU of the architecture (only faster or
     * slower), which is what lets graft compile such a helper as its caller is.
     */
    public java.util.Optional<String> targetDependency() {
        if (inlineAsm) {
            return java.util.Optional.of("the helper has inline assembly");
        }
        if (!targetIntrinsics.isEmpty()) {
            return java.util.Optional.of("the helper calls " + targetIntrinsics.getFirst());
        }
        if (floatingPointOrVector) {
            return java.util.Optional.of("the helper has floating-point or vector values");
        }
        return java.util.Optional.empty();
    }
}
