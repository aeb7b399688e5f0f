package dev.graft.link;

import dev.graft.helpers.HelperLibrary;

import java.nio.file.Path;

/**
 * What a backend links: the crate's bitcode, the helper library, the crate's code generation
 * options, the (temporary) object path to write, and a scratch directory it may use.
 */
public record LinkRequest(Path crateBitcode, HelperLibrary helpers, CodegenOptions codegen, Path objectOutput,
                          Path scratchDirectory) {
}
