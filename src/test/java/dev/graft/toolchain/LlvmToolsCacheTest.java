package dev.graft.toolchain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LlvmToolsCacheTest {

    @TempDir
    Path dir;

    private LlvmTools tools(Path bin) throws Exception {
        Files.createDirectories(bin);
        for (String tool : new String[]{"clang", "llvm-link"}) {
            Files.writeString(bin.resolve(tool), "#!/bin/sh\n");
        }
        return new LlvmTools(bin, new LlvmVersion(22, 1, 8), bin.resolve("clang"), bin.resolve("llvm-link"),
                bin.resolve("llvm-as"), bin.resolve("llvm-dis"), bin.resolve("llvm-nm"), bin.resolve("llvm-objdump"),
                Optional.empty());
    }

    @Test
    void remembersAnInstallationUntilItsClangOrLlvmLinkChanges() throws Exception {
        LlvmToolsCache cache = new LlvmToolsCache(Optional.of(dir.resolve("cache")));
        LlvmTools found = tools(dir.resolve("llvm/bin"));
        cache.store(found, Optional.empty());
        assertThat(cache.load(22, Optional.empty())).contains(found);
        assertThat(cache.load(21, Optional.empty())).isEmpty();
        assertThat(cache.load(22, Optional.of(dir.resolve("elsewhere")))).isEmpty();

        Files.writeString(found.clang(), "#!/bin/sh\necho upgraded\n");
        Files.setLastModifiedTime(found.clang(), FileTime.fromMillis(0));
        assertThat(cache.load(22, Optional.empty())).as("clang was replaced").isEmpty();
    }

    @Test
    void remembersPathsWhateverTheirCharactersAndTheLibrary() throws Exception {
        LlvmToolsCache cache = new LlvmToolsCache(Optional.of(dir.resolve("cache")));
        LlvmTools plain = tools(dir.resolve("my llvm=22: #1\\é/bin"));
        LlvmTools found = new LlvmTools(plain.binDirectory(), plain.version(), plain.clang(), plain.llvmLink(),
                plain.llvmAs(), plain.llvmDis(), plain.llvmNm(), plain.llvmObjdump(),
                Optional.of(dir.resolve("lib dir/libLLVM.so.22.1")));
        cache.store(found, Optional.empty());
        assertThat(cache.load(22, Optional.empty())).contains(found);
    }

    @Test
    void withoutACacheDirectoryNothingIsRemembered() throws Exception {
        LlvmToolsCache cache = new LlvmToolsCache(Optional.empty());
        cache.store(tools(dir.resolve("llvm/bin")), Optional.empty());
        assertThat(cache.load(22, Optional.empty())).isEmpty();
    }
}
