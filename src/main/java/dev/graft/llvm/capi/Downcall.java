package dev.graft.llvm.capi;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * One C function of libLLVM, bound to a downcall handle when first called: a build that generates no
 * object never binds the code-generation functions, and a libLLVM that lacks a function graft never
 * calls is no reason to refuse it. Two threads racing on the first call may both bind it; either handle
 * calls the same function, so the race is harmless and needs no lock.
 */
final class Downcall {

    private final SymbolLookup library;
    private final String name;
    private final FunctionDescriptor descriptor;
    private volatile MethodHandle handle;

    Downcall(SymbolLookup library, String name, FunctionDescriptor descriptor) {
        this.library = library;
        this.name = name;
        this.descriptor = descriptor;
    }

    String name() {
        return name;
    }

    FunctionDescriptor descriptor() {
        return descriptor;
    }

    MethodHandle handle() {
        MethodHandle bound = handle;
        if (bound == null) {
            MemorySegment symbol = library.find(name).orElseThrow(() -> new IllegalStateException(
                    "libLLVM has no " + name + " (not an LLVM graft can use)"));
            bound = Linker.nativeLinker().downcallHandle(symbol, descriptor);
            handle = bound;
        }
        return bound;
    }
}
