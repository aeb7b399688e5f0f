package dev.graft.link.inprocess;

import dev.graft.GraftException;
import dev.graft.link.CodegenOptions;
import dev.graft.llvm.Llvm;
import dev.graft.llvm.LlvmException;
import dev.graft.llvm.TargetMachine;

import java.util.Arrays;

/** The crate's code generation options as LLVM's target machine: what clang's flags are to the tools backend. */
final class TargetMachines {

    private TargetMachines() {
    }

    static TargetMachine create(Llvm llvm, CodegenOptions codegen) throws LlvmException, GraftException {
        boolean x86 = codegen.triple().startsWith("x86_64");
        String cpu = codegen.targetCpu().orElse(x86 ? "x86-64" : "generic");
        TargetMachine.Relocation relocation = switch (codegen.checkedRelocationModel()) {
            case PIC, PIE -> TargetMachine.Relocation.PIC;
            case STATIC -> TargetMachine.Relocation.STATIC;
            case DYNAMIC_NO_PIC -> TargetMachine.Relocation.DYNAMIC_NO_PIC;
        };
        // Checked against rustc's spellings (one message for both backends); each has an LLVM value.
        TargetMachine.CodeModel codeModel = codegen.checkedCodeModel()
                .map(m -> Arrays.stream(TargetMachine.CodeModel.values()).filter(c -> c.spelling().equals(m))
                        .findFirst().orElseThrow())
                .orElse(TargetMachine.CodeModel.DEFAULT);
        TargetMachine.OptLevel level = switch (codegen.optLevel()) {
            case "0" -> TargetMachine.OptLevel.NONE;
            case "1" -> TargetMachine.OptLevel.LESS;
            case "3" -> TargetMachine.OptLevel.AGGRESSIVE;
            default -> TargetMachine.OptLevel.DEFAULT;
        };
        return TargetMachine.create(llvm, codegen.triple(), cpu, String.join(",", codegen.targetFeatures()),
                relocation, codeModel, level);
    }
}
