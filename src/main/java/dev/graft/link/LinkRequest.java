package dev.graft.link;

import dev.graft.helpers.HelperLibrary;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a backend links: the crate's bitcode, the helper library, the crate's code generation
 * options, the (temporary) object path to write, and a scratch directory it may use.
 *
 * @param patchTag present when rustc's own object of the unit exists and may be patched: the backend may then
 *                 write only the functions inlining changed ({@link LinkResult#patch}); the tag makes the
 *                 hidden names it gives local symbols unique to the unit
 */
public record LinkRequest(Path crateBitcode, HelperLibrary helpers, CodegenOptions codegen, Path objectOutput,
                          Path scratchDirectory, Optional<String> patchTag) {

    /** A request for the unit's whole object. */
    public LinkRequest(Path crateBitcode, HelperLibrary helpers, CodegenOptions codegen, Path objectOutput,
                       Path scratchDirectory) {
        this(crateBitcode, helpers, codegen, objectOutput, scratchDirectory, Optional.empty());
    }
}
