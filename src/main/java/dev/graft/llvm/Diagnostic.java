package dev.graft.llvm;

/** One message LLVM sent to a context's diagnostic handler (errors, warnings, optimisation remarks). */
public record Diagnostic(Severity severity, String message) {

    public enum Severity { ERROR, WARNING, REMARK, NOTE }
}
