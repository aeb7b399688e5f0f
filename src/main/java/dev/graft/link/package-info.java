/**
 * Linking helpers into a crate and generating its object: the {@link dev.graft.link.Backend} contract
 * (a {@link dev.graft.link.LinkRequest} in, a {@link dev.graft.link.LinkResult} out), code generation
 * options as typed values, the crate's analysis both backends run first (the helpers it references, the
 * conflict that must stop the build, the declarations whose type differs from the helper's and the exact
 * adapters that still inline them), and {@link dev.graft.link.ObjectBuilder}, which commits the object
 * and builds the report. The backends themselves live in {@code link.tools} and {@code link.inprocess};
 * this package depends on neither.
 */
package dev.graft.link;
