package dev.graft.cli;

import dev.graft.GraftException;
import dev.graft.cache.HelperCache;
import dev.graft.toolchain.LlvmTools;
import dev.graft.toolchain.Rustc;
import dev.graft.toolchain.Toolchain;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code graft doctor}: what graft found, and whether it can work with it. */
@Command(name = "doctor", description = "Find rustc and the LLVM tools of its LLVM version; exit 3 if they "
        + "are missing or disagree.")
final class DoctorCommand extends Subcommand {


    DoctorCommand(CommonOptions common) {
        super(common);
    }

    @Override
    public Integer call() throws GraftException {
        PrintWriter out = context().out();
        Rustc rustc = common.freshLocator(context()).locateRustc();
        out.printf("rustc        %s (%s, LLVM %s, host %s)%n", rustc.executable(), rustc.release(),
                rustc.llvmVersion(), rustc.hostTriple());
        out.flush();
        Toolchain toolchain = common.freshLocator(context()).locate();
        LlvmTools llvm = toolchain.llvm();
        out.printf("LLVM         %s in %s%n", llvm.version(), llvm.binDirectory());
        out.printf("clang        %s%n", llvm.clang());
        out.printf("llvm-link    %s%n", llvm.llvmLink());
        out.printf("llvm-as      %s%n", llvm.llvmAs());
        out.printf("llvm-dis     %s%n", llvm.llvmDis());
        out.printf("llvm-nm      %s%n", llvm.llvmNm());
        out.printf("llvm-objdump %s%n", llvm.llvmObjdump());
        out.printf("libLLVM      %s%n", llvm.libLlvm().map(Object::toString)
                .orElse("not found (only the inprocess backend needs it)"));
        out.printf("cache        %s%n", HelperCache.defaultLocation(context().environment()).root());
        out.printf("ok: rustc and LLVM %d agree%n", llvm.version().major());
        return 0;
    }
}
