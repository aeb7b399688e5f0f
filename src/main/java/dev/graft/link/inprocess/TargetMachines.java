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
        if (!codegen.trapUnreachable()) {
            // Every target machine of this process traps, as rustc's do by default (see Llvm): an object with
            // traps rustc would not have emitted differs from rustc's, so it is refused, not made quietly.
            String why = CodegenOptions.trapsByDefault(codegen.triple())
                    ? "the crate turns off traps on unreachable code (-Ztrap-unreachable=no)"
                    : "rustc generates no traps on unreachable code for " + codegen.triple();
            throw GraftException.badInput(why + ", which the in-process backend cannot do: libLLVM's setting is "
                    + "one for the whole process, and it traps as rustc does by default; build this crate with "
                    + "--backend tools");
        }
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
