package dev.graft.toolchain;

import java.nio.file.Path;
import java.util.Optional;

/** One LLVM installation whose tools all report the same version. */
public record LlvmTools(Path binDirectory, LlvmVersion version, Path clang, Path llvmLink, Path llvmAs,
                        Path llvmDis, Path llvmNm, Path llvmObjdump, Optional<Path> libLlvm) {
}
