package dev.graft.link.inprocess;

import dev.graft.GraftException;
import dev.graft.helpers.HelperLibrary;
import dev.graft.helpers.TargetIdentity;
import dev.graft.llvm.Context;
import dev.graft.llvm.Llvm;
import dev.graft.llvm.LlvmException;
import dev.graft.llvm.Module;
import dev.graft.toolchain.LlvmTools;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a helper library's contents with libLLVM in this process, where {@code llvm-dis} would cost a
 * subprocess and a parse of the whole text: the module is read lazily, so no helper body is ever parsed.
 * The one place a library's facts are made of a libLLVM module: the in-process backend reads the library it
 * links through {@link #of(Module)} too.
 */
public final class LibraryContents implements HelperLibrary.Reader {

    private final LlvmTools tools;

    private LibraryContents(LlvmTools tools) {
        this.tools = tools;
    }

    /** The reader for {@code tools}' libLLVM, or empty when there is none (then llvm-dis reads libraries). */
    public static Optional<HelperLibrary.Reader> forTools(LlvmTools tools) {
        return tools.libLlvm().map(library -> new LibraryContents(tools));
    }

    @Override
    public HelperLibrary.Contents read(Path bitcode) throws GraftException {
        Llvm llvm = InProcessBackend.load(tools);
        try (Context context = llvm.newContext();
             Module library = InProcessBackend.parse(tools, context, bitcode, true)) {
            return new HelperLibrary.Contents(of(library),
                    HelperLibrary.variantsOf(library.namedMetadataStrings(HelperLibrary.VARIANTS_METADATA_NAME)));
        } catch (LlvmException e) {
            throw GraftException.badInput("LLVM: " + e.getMessage(), e);
        }
    }

    /** The facts of a library libLLVM has read. */
    static HelperLibrary.Facts of(Module library) {
        return HelperLibrary.Facts.of(library.facts(), library.hasNamedMetadata(HelperLibrary.INTERNAL_MARKER_NAME),
                new TargetIdentity(library.targetTriple(), library.dataLayout()));
    }
}
