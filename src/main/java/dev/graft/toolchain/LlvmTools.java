package dev.graft.toolchain;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One LLVM installation whose tools all report the same version.
 *
 * @param libLlvm the libLLVM the in-process backend loads: the installation's, or rustc's own
 *                ({@link ToolchainLocator#locate})
 */
public record LlvmTools(Path binDirectory, LlvmVersion version, Path clang, Path llvmLink, Path llvmAs,
                        Path llvmDis, Path llvmNm, Path llvmObjdump, Optional<Path> libLlvm) {

    /** The same tools with another libLLVM for the in-process backend. */
    public LlvmTools withLibLlvm(Path library) {
        return new LlvmTools(binDirectory, version, clang, llvmLink, llvmAs, llvmDis, llvmNm, llvmObjdump,
                Optional.of(library));
    }
}
