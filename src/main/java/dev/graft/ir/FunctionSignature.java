package dev.graft.ir;

import java.util.List;

/**
 * A function's type as IR spells it, attributes left out: what a call must agree with for the
 * callee to be inlined into it soundly. Types are normalised token texts joined by single spaces.
 */
public record FunctionSignature(String returnType, List<String> parameterTypes, boolean variadic) {

    public FunctionSignature {
        parameterTypes = List.copyOf(parameterTypes);
    }

    @Override
    public String toString() {
        String params = String.join(", ", parameterTypes);
        if (variadic) {
            params = params.isEmpty() ? "..." : params + ", ...";
        }
        return returnType + " (" + params + ")";
    }
}
