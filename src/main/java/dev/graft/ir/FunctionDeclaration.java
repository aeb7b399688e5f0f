package dev.graft.ir;

/** A {@code declare} in the module: a function it calls or refers to but does not define. */
public record FunctionDeclaration(String name, FunctionSignature signature) {
}
