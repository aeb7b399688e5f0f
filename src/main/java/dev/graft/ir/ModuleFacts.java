package dev.graft.ir;

import java.util.List;

/**
 * What graft needs to know about a module's functions before linking, whoever read them: the textual
 * scanner from printed IR ({@link IrModuleScan#facts()}, the tools backend) or libLLVM through its C API
 * (the in-process backend, without printing the module and lexing it again).
 *
 * @param definitions  every function the module defines
 * @param declarations every function it only declares
 * @param callSites    every direct call (call, invoke, callbr) of a function the module only declares, in the order
 *                     of the callers' names: calls between its own functions decide nothing graft does, and
 *                     libLLVM finds these through the declarations' uses without walking every instruction
 */
public record ModuleFacts(List<Definition> definitions, List<FunctionDeclaration> declarations,
                          List<CallSite> callSites) {

    /** A function the module defines. */
    public record Definition(String name, Linkage linkage, FunctionSignature signature) {
    }

    public ModuleFacts {
        definitions = List.copyOf(definitions);
        declarations = List.copyOf(declarations);
        callSites = List.copyOf(callSites);
    }
}
