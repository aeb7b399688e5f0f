package dev.graft.link;

import dev.graft.GraftException;

import java.util.Optional;

/**
 * Links helper bitcode into a crate's bitcode and generates the object. Implementations must
 * produce objects that link and behave the same; the report says which one ran.
 */
public interface Backend {

    /** The name the command line and the report use: {@code tools} or {@code inprocess}. */
    String name();

    /** Writes the object to {@code request.objectOutput()}, which the caller then moves into place. */
    LinkResult link(LinkRequest request) throws GraftException;

    /**
     * Does ahead what {@link #link} will need first and a fresh process pays once (loading libLLVM), on a
     * thread of its own while rustc runs, so that cost overlaps rustc's instead of following it. Never
     * fails: what goes wrong here goes wrong again in {@link #link}, which says so.
     */
    default void prepare() {
    }

    /** What of {@code codegen} this backend does not apply, said to the user before it builds; empty: all. */
    default Optional<String> unappliedOptions(CodegenOptions codegen) {
        return Optional.empty();
    }
}
