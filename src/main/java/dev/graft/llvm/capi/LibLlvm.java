package dev.graft.llvm.capi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The LLVM C API functions graft calls, as typed Java methods over one loaded libLLVM; the only class that
 * holds a {@link MethodHandle}. Each handle is bound on first use (a build that generates no object
 * never binds the code-generation functions), and a failure inside a call comes back as a
 * {@link NativeCallException} that keeps its cause. Arguments and results are raw LLVM references
 * ({@link MemorySegment}) and C values: ownership and lifetimes are the business of the typed wrappers
 * in {@code dev.graft.llvm}, whose javadoc says who disposes what. The library stays loaded for the life
 * of the process (global arena): LLVM keeps global state.
 */
public final class LibLlvm {

    // LLVMDiagnosticSeverity
    public static final int DS_ERROR = 0;
    public static final int DS_REMARK = 2;
    // LLVMCodeGenFileType
    public static final int OBJECT_FILE = 1;
    // LLVMAttributeFunctionIndex
    public static final int FUNCTION_INDEX = -1;
    // LLVMOpcode
    public static final int OPCODE_SWITCH = 3;
    public static final int OPCODE_INDIRECT_BR = 4;
    public static final int OPCODE_CALL = 45;
    public static final int OPCODE_CALL_BR = 67;
    public static final int OPCODE_INVOKE = 5;
    public static final int OPCODE_ALLOCA = 26;
    // LLVMTypeKind: the floating-point kinds are 1..6 and 18 (bfloat); vectors 13 and 17
    public static final int TYPE_KIND_FUNCTION = 9;
    public static final int TYPE_KIND_STRUCT = 10;
    public static final int TYPE_KIND_ARRAY = 11;
    public static final int TYPE_KIND_VECTOR = 13;
    public static final int TYPE_KIND_SCALABLE_VECTOR = 17;
    public static final int TYPE_KIND_BFLOAT = 18;
    public static final int TYPE_KIND_X86_AMX = 19;

    /**
     * Every target LLVM can be built with, as its LLVMInitialize* functions name it. A libLLVM exports
     * the initializers of the targets it was built with; LLVMInitializeAllTargets and friends are
     * static inline in the headers, so a binding has to name them itself.
     */
    private static final List<String> TARGETS = List.of("AArch64", "AMDGPU", "ARC", "ARM", "AVR", "BPF", "CSKY",
            "DirectX", "Hexagon", "Lanai", "LoongArch", "M68k", "MSP430", "Mips", "NVPTX", "PowerPC", "RISCV",
            "SPIRV", "Sparc", "SystemZ", "VE", "WebAssembly", "X86", "XCore", "Xtensa");

    /**
     * The parts of a target that code generation of real input reaches: the target itself and its
     * machine-code layer, the asm printer that writes objects, the asm parser that inline assembly
     * ({@code asm()} in C, {@code asm!}/{@code global_asm!}/naked functions in Rust) is parsed with when
     * an object is emitted (without it LLVM stops the process: "Inline asm not supported by this
     * streamer"), and the disassembler some passes and MC layers consult.
     */
    private static final List<String> TARGET_PARTS = List.of("TargetInfo", "Target", "TargetMC", "AsmPrinter",
            "AsmParser", "Disassembler");

    private final Linker linker = Linker.nativeLinker();
    private final SymbolLookup lookup;

    private final Binding contextCreate = new Binding("LLVMContextCreate", FunctionDescriptor.of(ADDRESS));
    private final Binding contextDispose = new Binding("LLVMContextDispose", FunctionDescriptor.ofVoid(ADDRESS));
    private final Binding contextSetDiagnosticHandler = new Binding("LLVMContextSetDiagnosticHandler",
            FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
    private final Binding getDiagInfoDescription = new Binding("LLVMGetDiagInfoDescription",
            FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding getDiagInfoSeverity = new Binding("LLVMGetDiagInfoSeverity",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private final Binding disposeMessage = new Binding("LLVMDisposeMessage", FunctionDescriptor.ofVoid(ADDRESS));
    private final Binding createMemoryBufferWithMemoryRangeCopy = new Binding("LLVMCreateMemoryBufferWithMemoryRangeCopy",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
    private final Binding disposeMemoryBuffer = new Binding("LLVMDisposeMemoryBuffer",
            FunctionDescriptor.ofVoid(ADDRESS));
    private final Binding parseBitcodeInContext2 = new Binding("LLVMParseBitcodeInContext2",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    private final Binding parseIrInContext = new Binding("LLVMParseIRInContext",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private final Binding setValueName2 = new Binding("LLVMSetValueName2",
            FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_LONG));
    private final Binding getBitcodeModuleInContext2 = new Binding("LLVMGetBitcodeModuleInContext2",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    private final Binding disposeModule = new Binding("LLVMDisposeModule", FunctionDescriptor.ofVoid(ADDRESS));
    private final Binding printModuleToString = new Binding("LLVMPrintModuleToString",
            FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding linkModules2 = new Binding("LLVMLinkModules2",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private final Binding getFirstFunction = new Binding("LLVMGetFirstFunction",
            FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding getNextFunction = new Binding("LLVMGetNextFunction", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding getValueName2 = new Binding("LLVMGetValueName2",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    private final Binding isDeclaration = new Binding("LLVMIsDeclaration", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private final Binding getLinkage = new Binding("LLVMGetLinkage", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private final Binding setLinkage = new Binding("LLVMSetLinkage", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
    private final Binding getAttributeCountAtIndex = new Binding("LLVMGetAttributeCountAtIndex",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private final Binding getAttributesAtIndex = new Binding("LLVMGetAttributesAtIndex",
            FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS));
    private final Binding isStringAttribute = new Binding("LLVMIsStringAttribute",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private final Binding getStringAttributeKind = new Binding("LLVMGetStringAttributeKind",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    private final Binding getStringAttributeValue = new Binding("LLVMGetStringAttributeValue",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    private final Binding createStringAttribute = new Binding("LLVMCreateStringAttribute",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
    private final Binding addAttributeAtIndex = new Binding("LLVMAddAttributeAtIndex",
            FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS));
    private final Binding getNamedFunction = new Binding("LLVMGetNamedFunction",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    private final Binding getFirstBasicBlock = new Binding("LLVMGetFirstBasicBlock",
            FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding getNextBasicBlock = new Binding("LLVMGetNextBasicBlock",
            FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding getFirstInstruction = new Binding("LLVMGetFirstInstruction",
            FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding getNextInstruction = new Binding("LLVMGetNextInstruction",
            FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding getInstructionOpcode = new Binding("LLVMGetInstructionOpcode",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private final Binding getCalledValue = new Binding("LLVMGetCalledValue", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding isAFunction = new Binding("LLVMIsAFunction", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding isAInlineAsm = new Binding("LLVMIsAInlineAsm", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding typeOf = new Binding("LLVMTypeOf", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding getTypeKind = new Binding("LLVMGetTypeKind", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private final Binding getNumContainedTypes = new Binding("LLVMGetNumContainedTypes",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private final Binding getSubtypes = new Binding("LLVMGetSubtypes", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
    private final Binding globalGetValueType = new Binding("LLVMGlobalGetValueType",
            FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding getNumOperands = new Binding("LLVMGetNumOperands", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private final Binding getOperand = new Binding("LLVMGetOperand", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
    private final Binding getEnumAttributeKindForName = new Binding("LLVMGetEnumAttributeKindForName",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
    private final Binding createEnumAttribute = new Binding("LLVMCreateEnumAttribute",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG));
    private final Binding getEnumAttributeKind = new Binding("LLVMGetEnumAttributeKind",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private final Binding addCallSiteAttribute = new Binding("LLVMAddCallSiteAttribute",
            FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS));
    private final Binding getSection = new Binding("LLVMGetSection", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding setSection = new Binding("LLVMSetSection", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
    private final Binding getTargetFromTriple = new Binding("LLVMGetTargetFromTriple",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
    private final Binding createTargetMachine = new Binding("LLVMCreateTargetMachine",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
    private final Binding disposeTargetMachine = new Binding("LLVMDisposeTargetMachine",
            FunctionDescriptor.ofVoid(ADDRESS));
    private final Binding targetMachineEmitToMemoryBuffer = new Binding("LLVMTargetMachineEmitToMemoryBuffer",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
    private final Binding getBufferStart = new Binding("LLVMGetBufferStart", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding getBufferSize = new Binding("LLVMGetBufferSize", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
    private final Binding createPassBuilderOptions = new Binding("LLVMCreatePassBuilderOptions",
            FunctionDescriptor.of(ADDRESS));
    private final Binding disposePassBuilderOptions = new Binding("LLVMDisposePassBuilderOptions",
            FunctionDescriptor.ofVoid(ADDRESS));
    private final Binding runPasses = new Binding("LLVMRunPasses",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private final Binding getErrorMessage = new Binding("LLVMGetErrorMessage", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding disposeErrorMessage = new Binding("LLVMDisposeErrorMessage",
            FunctionDescriptor.ofVoid(ADDRESS));
    private final Binding parseCommandLineOptions = new Binding("LLVMParseCommandLineOptions",
            FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS, ADDRESS));
    private final Binding getReturnType = new Binding("LLVMGetReturnType", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding countParamTypes = new Binding("LLVMCountParamTypes",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private final Binding getParamTypes = new Binding("LLVMGetParamTypes", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
    private final Binding isFunctionVarArg = new Binding("LLVMIsFunctionVarArg",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private final Binding printTypeToString = new Binding("LLVMPrintTypeToString",
            FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding getNamedMetadata = new Binding("LLVMGetNamedMetadata",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
    private final Binding installFatalErrorHandler = new Binding("LLVMInstallFatalErrorHandler",
            FunctionDescriptor.ofVoid(ADDRESS));
    private final Binding getTarget = new Binding("LLVMGetTarget", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private final Binding getDataLayoutStr = new Binding("LLVMGetDataLayoutStr", FunctionDescriptor.of(ADDRESS, ADDRESS));

    public LibLlvm(Path library) {
        lookup = SymbolLookup.libraryLookup(library, Arena.global());
    }

    /** A C function of the library, bound to a downcall handle when first called. */
    private final class Binding {
        private final String name;
        private final FunctionDescriptor descriptor;
        private volatile MethodHandle handle;

        Binding(String name, FunctionDescriptor descriptor) {
            this.name = name;
            this.descriptor = descriptor;
        }

        MethodHandle handle() {
            MethodHandle bound = handle;
            if (bound == null) {
                MemorySegment symbol = lookup.find(name).orElseThrow(() -> new IllegalStateException(
                        "libLLVM has no " + name + " (not an LLVM graft can use)"));
                bound = linker.downcallHandle(symbol, descriptor);
                handle = bound;
            }
            return bound;
        }
    }

    /** LLVMContextCreate. */
    public MemorySegment contextCreate() {
        try {
            return (MemorySegment) contextCreate.handle().invokeExact();
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMContextCreate", t);
        }
    }

    /** LLVMContextDispose. */
    public void contextDispose(MemorySegment context) {
        try {
            contextDispose.handle().invokeExact(context);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMContextDispose", t);
        }
    }

    /** LLVMContextSetDiagnosticHandler. */
    public void contextSetDiagnosticHandler(MemorySegment context, MemorySegment handler, MemorySegment userData) {
        try {
            contextSetDiagnosticHandler.handle().invokeExact(context, handler, userData);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMContextSetDiagnosticHandler", t);
        }
    }

    /** LLVMGetDiagInfoDescription: owned: free with disposeMessage. */
    public MemorySegment getDiagInfoDescription(MemorySegment info) {
        try {
            return (MemorySegment) getDiagInfoDescription.handle().invokeExact(info);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetDiagInfoDescription", t);
        }
    }

    /** LLVMGetDiagInfoSeverity. */
    public int getDiagInfoSeverity(MemorySegment info) {
        try {
            return (int) getDiagInfoSeverity.handle().invokeExact(info);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetDiagInfoSeverity", t);
        }
    }

    /** LLVMDisposeMessage. */
    public void disposeMessage(MemorySegment message) {
        try {
            disposeMessage.handle().invokeExact(message);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMDisposeMessage", t);
        }
    }

    /** LLVMCreateMemoryBufferWithMemoryRangeCopy. */
    public MemorySegment createMemoryBufferWithMemoryRangeCopy(MemorySegment data, long length, MemorySegment name) {
        try {
            return (MemorySegment) createMemoryBufferWithMemoryRangeCopy.handle().invokeExact(data, length, name);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMCreateMemoryBufferWithMemoryRangeCopy", t);
        }
    }

    /** LLVMDisposeMemoryBuffer. */
    public void disposeMemoryBuffer(MemorySegment buffer) {
        try {
            disposeMemoryBuffer.handle().invokeExact(buffer);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMDisposeMemoryBuffer", t);
        }
    }

    /** LLVMParseBitcodeInContext2: true when it failed. */
    public boolean parseBitcodeInContext2(MemorySegment context, MemorySegment buffer, MemorySegment outModule) {
        try {
            return (int) parseBitcodeInContext2.handle().invokeExact(context, buffer, outModule) != 0;
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMParseBitcodeInContext2", t);
        }
    }

    /**
     * LLVMGetBitcodeModuleInContext2: a module whose function bodies are read when first needed; it owns
     * {@code buffer} from then on, even when it fails. True when it failed.
     */
    public boolean getBitcodeModuleInContext2(MemorySegment context, MemorySegment buffer, MemorySegment outModule) {
        try {
            return (int) getBitcodeModuleInContext2.handle().invokeExact(context, buffer, outModule) != 0;
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetBitcodeModuleInContext2", t);
        }
    }

    /**
     * LLVMParseIRInContext: textual IR; takes ownership of {@code buffer} whatever happens. True when it failed,
     * with the message (owned: free with disposeMessage) in {@code outMessage}.
     */
    public boolean parseIrInContext(MemorySegment context, MemorySegment buffer, MemorySegment outModule,
                                    MemorySegment outMessage) {
        try {
            return (int) parseIrInContext.handle().invokeExact(context, buffer, outModule, outMessage) != 0;
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMParseIRInContext", t);
        }
    }

    /** LLVMSetValueName2: the name is copied. */
    public void setValueName2(MemorySegment value, MemorySegment name, long length) {
        try {
            setValueName2.handle().invokeExact(value, name, length);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMSetValueName2", t);
        }
    }

    /** LLVMDisposeModule. */
    public void disposeModule(MemorySegment module) {
        try {
            disposeModule.handle().invokeExact(module);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMDisposeModule", t);
        }
    }

    /** LLVMPrintModuleToString: owned: free with disposeMessage. */
    public MemorySegment printModuleToString(MemorySegment module) {
        try {
            return (MemorySegment) printModuleToString.handle().invokeExact(module);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMPrintModuleToString", t);
        }
    }

    /** LLVMLinkModules2: true when it failed; destroys source either way. */
    public boolean linkModules2(MemorySegment destination, MemorySegment source) {
        try {
            return (int) linkModules2.handle().invokeExact(destination, source) != 0;
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMLinkModules2", t);
        }
    }

    /** LLVMGetFirstFunction. */
    public MemorySegment getFirstFunction(MemorySegment module) {
        try {
            return (MemorySegment) getFirstFunction.handle().invokeExact(module);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetFirstFunction", t);
        }
    }

    /** LLVMGetNextFunction. */
    public MemorySegment getNextFunction(MemorySegment function) {
        try {
            return (MemorySegment) getNextFunction.handle().invokeExact(function);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetNextFunction", t);
        }
    }

    /** LLVMGetValueName2: borrowed. */
    public MemorySegment getValueName2(MemorySegment value, MemorySegment outLength) {
        try {
            return (MemorySegment) getValueName2.handle().invokeExact(value, outLength);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetValueName2", t);
        }
    }

    /** LLVMIsDeclaration. */
    public boolean isDeclaration(MemorySegment global) {
        try {
            return (int) isDeclaration.handle().invokeExact(global) != 0;
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMIsDeclaration", t);
        }
    }

    /** LLVMGetLinkage. */
    public int getLinkage(MemorySegment global) {
        try {
            return (int) getLinkage.handle().invokeExact(global);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetLinkage", t);
        }
    }

    /** LLVMSetLinkage. */
    public void setLinkage(MemorySegment global, int linkage) {
        try {
            setLinkage.handle().invokeExact(global, linkage);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMSetLinkage", t);
        }
    }

    /** LLVMGetAttributeCountAtIndex. */
    public int getAttributeCountAtIndex(MemorySegment function, int index) {
        try {
            return (int) getAttributeCountAtIndex.handle().invokeExact(function, index);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetAttributeCountAtIndex", t);
        }
    }

    /** LLVMGetAttributesAtIndex. */
    public void getAttributesAtIndex(MemorySegment function, int index, MemorySegment outAttributes) {
        try {
            getAttributesAtIndex.handle().invokeExact(function, index, outAttributes);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetAttributesAtIndex", t);
        }
    }

    /** LLVMIsStringAttribute. */
    public boolean isStringAttribute(MemorySegment attribute) {
        try {
            return (int) isStringAttribute.handle().invokeExact(attribute) != 0;
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMIsStringAttribute", t);
        }
    }

    /** LLVMGetStringAttributeKind: borrowed. */
    public MemorySegment getStringAttributeKind(MemorySegment attribute, MemorySegment outLength) {
        try {
            return (MemorySegment) getStringAttributeKind.handle().invokeExact(attribute, outLength);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetStringAttributeKind", t);
        }
    }

    /** LLVMGetStringAttributeValue: borrowed. */
    public MemorySegment getStringAttributeValue(MemorySegment attribute, MemorySegment outLength) {
        try {
            return (MemorySegment) getStringAttributeValue.handle().invokeExact(attribute, outLength);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetStringAttributeValue", t);
        }
    }

    /** LLVMCreateStringAttribute. */
    public MemorySegment createStringAttribute(MemorySegment context, MemorySegment key, int keyLength,
            MemorySegment value, int valueLength) {
        try {
            return (MemorySegment) createStringAttribute.handle().invokeExact(context, key, keyLength, value, valueLength);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMCreateStringAttribute", t);
        }
    }

    /** LLVMAddAttributeAtIndex. */
    public void addAttributeAtIndex(MemorySegment function, int index, MemorySegment attribute) {
        try {
            addAttributeAtIndex.handle().invokeExact(function, index, attribute);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMAddAttributeAtIndex", t);
        }
    }

    /** LLVMGetNamedFunction. */
    public MemorySegment getNamedFunction(MemorySegment module, MemorySegment name) {
        try {
            return (MemorySegment) getNamedFunction.handle().invokeExact(module, name);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetNamedFunction", t);
        }
    }

    /** LLVMGetFirstBasicBlock. */
    public MemorySegment getFirstBasicBlock(MemorySegment function) {
        try {
            return (MemorySegment) getFirstBasicBlock.handle().invokeExact(function);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetFirstBasicBlock", t);
        }
    }

    /** LLVMGetNextBasicBlock. */
    public MemorySegment getNextBasicBlock(MemorySegment block) {
        try {
            return (MemorySegment) getNextBasicBlock.handle().invokeExact(block);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetNextBasicBlock", t);
        }
    }

    /** LLVMGetFirstInstruction. */
    public MemorySegment getFirstInstruction(MemorySegment block) {
        try {
            return (MemorySegment) getFirstInstruction.handle().invokeExact(block);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetFirstInstruction", t);
        }
    }

    /** LLVMGetNextInstruction. */
    public MemorySegment getNextInstruction(MemorySegment instruction) {
        try {
            return (MemorySegment) getNextInstruction.handle().invokeExact(instruction);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetNextInstruction", t);
        }
    }

    /** LLVMGetInstructionOpcode. */
    public int getInstructionOpcode(MemorySegment instruction) {
        try {
            return (int) getInstructionOpcode.handle().invokeExact(instruction);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetInstructionOpcode", t);
        }
    }

    /** LLVMGetCalledValue. */
    public MemorySegment getCalledValue(MemorySegment call) {
        try {
            return (MemorySegment) getCalledValue.handle().invokeExact(call);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetCalledValue", t);
        }
    }

    /** LLVMIsAFunction: NULL unless a function. */
    public MemorySegment isAFunction(MemorySegment value) {
        try {
            return (MemorySegment) isAFunction.handle().invokeExact(value);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMIsAFunction", t);
        }
    }

    /** LLVMIsAInlineAsm: NULL unless inline assembly. */
    public MemorySegment isAInlineAsm(MemorySegment value) {
        try {
            return (MemorySegment) isAInlineAsm.handle().invokeExact(value);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMIsAInlineAsm", t);
        }
    }

    /** LLVMTypeOf. */
    public MemorySegment typeOf(MemorySegment value) {
        try {
            return (MemorySegment) typeOf.handle().invokeExact(value);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMTypeOf", t);
        }
    }

    /** LLVMGetTypeKind. */
    public int getTypeKind(MemorySegment type) {
        try {
            return (int) getTypeKind.handle().invokeExact(type);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetTypeKind", t);
        }
    }

    /** LLVMGetNumContainedTypes. */
    public int getNumContainedTypes(MemorySegment type) {
        try {
            return (int) getNumContainedTypes.handle().invokeExact(type);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetNumContainedTypes", t);
        }
    }

    /** LLVMGetSubtypes. */
    public void getSubtypes(MemorySegment type, MemorySegment outTypes) {
        try {
            getSubtypes.handle().invokeExact(type, outTypes);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetSubtypes", t);
        }
    }

    /** LLVMGlobalGetValueType. */
    public MemorySegment globalGetValueType(MemorySegment global) {
        try {
            return (MemorySegment) globalGetValueType.handle().invokeExact(global);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGlobalGetValueType", t);
        }
    }

    /** LLVMGetNumOperands. */
    public int getNumOperands(MemorySegment user) {
        try {
            return (int) getNumOperands.handle().invokeExact(user);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetNumOperands", t);
        }
    }

    /** LLVMGetOperand. */
    public MemorySegment getOperand(MemorySegment user, int index) {
        try {
            return (MemorySegment) getOperand.handle().invokeExact(user, index);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetOperand", t);
        }
    }

    /** LLVMGetEnumAttributeKindForName. */
    public int getEnumAttributeKindForName(MemorySegment name, long length) {
        try {
            return (int) getEnumAttributeKindForName.handle().invokeExact(name, length);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetEnumAttributeKindForName", t);
        }
    }

    /** LLVMCreateEnumAttribute. */
    public MemorySegment createEnumAttribute(MemorySegment context, int kind, long value) {
        try {
            return (MemorySegment) createEnumAttribute.handle().invokeExact(context, kind, value);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMCreateEnumAttribute", t);
        }
    }

    /** LLVMGetEnumAttributeKind. */
    public int getEnumAttributeKind(MemorySegment attribute) {
        try {
            return (int) getEnumAttributeKind.handle().invokeExact(attribute);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetEnumAttributeKind", t);
        }
    }

    /** LLVMAddCallSiteAttribute. */
    public void addCallSiteAttribute(MemorySegment call, int index, MemorySegment attribute) {
        try {
            addCallSiteAttribute.handle().invokeExact(call, index, attribute);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMAddCallSiteAttribute", t);
        }
    }

    /** LLVMGetSection: borrowed. */
    public MemorySegment getSection(MemorySegment global) {
        try {
            return (MemorySegment) getSection.handle().invokeExact(global);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetSection", t);
        }
    }

    /** LLVMSetSection. */
    public void setSection(MemorySegment global, MemorySegment section) {
        try {
            setSection.handle().invokeExact(global, section);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMSetSection", t);
        }
    }

    /** LLVMGetTargetFromTriple: true when it failed. */
    public boolean getTargetFromTriple(MemorySegment triple, MemorySegment outTarget, MemorySegment outError) {
        try {
            return (int) getTargetFromTriple.handle().invokeExact(triple, outTarget, outError) != 0;
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetTargetFromTriple", t);
        }
    }

    /** LLVMCreateTargetMachine. */
    public MemorySegment createTargetMachine(MemorySegment target, MemorySegment triple, MemorySegment cpu,
            MemorySegment features, int optLevel, int relocation, int codeModel) {
        try {
            return (MemorySegment) createTargetMachine.handle().invokeExact(target, triple, cpu, features, optLevel, relocation, codeModel);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMCreateTargetMachine", t);
        }
    }

    /** LLVMDisposeTargetMachine. */
    public void disposeTargetMachine(MemorySegment machine) {
        try {
            disposeTargetMachine.handle().invokeExact(machine);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMDisposeTargetMachine", t);
        }
    }

    /** LLVMTargetMachineEmitToMemoryBuffer: true when it failed. */
    public boolean targetMachineEmitToMemoryBuffer(MemorySegment machine, MemorySegment module, int fileType,
            MemorySegment outError, MemorySegment outBuffer) {
        try {
            return (int) targetMachineEmitToMemoryBuffer.handle().invokeExact(machine, module, fileType, outError, outBuffer) != 0;
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMTargetMachineEmitToMemoryBuffer", t);
        }
    }

    /** LLVMGetBufferStart. */
    public MemorySegment getBufferStart(MemorySegment buffer) {
        try {
            return (MemorySegment) getBufferStart.handle().invokeExact(buffer);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetBufferStart", t);
        }
    }

    /** LLVMGetBufferSize. */
    public long getBufferSize(MemorySegment buffer) {
        try {
            return (long) getBufferSize.handle().invokeExact(buffer);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetBufferSize", t);
        }
    }

    /** LLVMCreatePassBuilderOptions. */
    public MemorySegment createPassBuilderOptions() {
        try {
            return (MemorySegment) createPassBuilderOptions.handle().invokeExact();
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMCreatePassBuilderOptions", t);
        }
    }

    /** LLVMDisposePassBuilderOptions. */
    public void disposePassBuilderOptions(MemorySegment options) {
        try {
            disposePassBuilderOptions.handle().invokeExact(options);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMDisposePassBuilderOptions", t);
        }
    }

    /** LLVMRunPasses: an LLVMErrorRef, NULL on success. */
    public MemorySegment runPasses(MemorySegment module, MemorySegment passes, MemorySegment machine,
            MemorySegment options) {
        try {
            return (MemorySegment) runPasses.handle().invokeExact(module, passes, machine, options);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMRunPasses", t);
        }
    }

    /** LLVMGetErrorMessage: consumes the error; free the message with disposeErrorMessage. */
    public MemorySegment getErrorMessage(MemorySegment error) {
        try {
            return (MemorySegment) getErrorMessage.handle().invokeExact(error);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetErrorMessage", t);
        }
    }

    /** LLVMDisposeErrorMessage. */
    public void disposeErrorMessage(MemorySegment message) {
        try {
            disposeErrorMessage.handle().invokeExact(message);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMDisposeErrorMessage", t);
        }
    }

    /** LLVMParseCommandLineOptions. */
    public void parseCommandLineOptions(int argc, MemorySegment argv, MemorySegment overview) {
        try {
            parseCommandLineOptions.handle().invokeExact(argc, argv, overview);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMParseCommandLineOptions", t);
        }
    }

    /** LLVMGetReturnType. */
    public MemorySegment getReturnType(MemorySegment functionType) {
        try {
            return (MemorySegment) getReturnType.handle().invokeExact(functionType);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetReturnType", t);
        }
    }

    /** LLVMCountParamTypes. */
    public int countParamTypes(MemorySegment functionType) {
        try {
            return (int) countParamTypes.handle().invokeExact(functionType);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMCountParamTypes", t);
        }
    }

    /** LLVMGetParamTypes. */
    public void getParamTypes(MemorySegment functionType, MemorySegment outTypes) {
        try {
            getParamTypes.handle().invokeExact(functionType, outTypes);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetParamTypes", t);
        }
    }

    /** LLVMIsFunctionVarArg. */
    public boolean isFunctionVarArg(MemorySegment functionType) {
        try {
            return (int) isFunctionVarArg.handle().invokeExact(functionType) != 0;
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMIsFunctionVarArg", t);
        }
    }

    /** LLVMPrintTypeToString: owned: free with disposeMessage. */
    public MemorySegment printTypeToString(MemorySegment type) {
        try {
            return (MemorySegment) printTypeToString.handle().invokeExact(type);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMPrintTypeToString", t);
        }
    }

    /** LLVMGetNamedMetadata: NULL when absent. */
    public MemorySegment getNamedMetadata(MemorySegment module, MemorySegment name, long length) {
        try {
            return (MemorySegment) getNamedMetadata.handle().invokeExact(module, name, length);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetNamedMetadata", t);
        }
    }

    /** LLVMInstallFatalErrorHandler. */
    public void installFatalErrorHandler(MemorySegment handler) {
        try {
            installFatalErrorHandler.handle().invokeExact(handler);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMInstallFatalErrorHandler", t);
        }
    }


    /** LLVMGetTarget: the module's triple, borrowed. */
    public MemorySegment getTarget(MemorySegment module) {
        try {
            return (MemorySegment) getTarget.handle().invokeExact(module);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetTarget", t);
        }
    }

    /** LLVMGetDataLayoutStr: the module's data layout, borrowed. */
    public MemorySegment getDataLayoutStr(MemorySegment module) {
        try {
            return (MemorySegment) getDataLayoutStr.handle().invokeExact(module);
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetDataLayoutStr", t);
        }
    }

    /** Initialises every part of every target this libLLVM has; returns the targets' names. */
    public List<String> initializeAllTargets() {
        List<String> present = new ArrayList<>();
        for (String target : TARGETS) {
            if (lookup.find("LLVMInitialize" + target + "TargetInfo").isEmpty()) {
                continue;
            }
            present.add(target);
            for (String part : TARGET_PARTS) {
                Optional<MemorySegment> initializer = lookup.find("LLVMInitialize" + target + part);
                if (initializer.isPresent()) {
                    try {
                        linker.downcallHandle(initializer.get(), FunctionDescriptor.ofVoid()).invokeExact();
                    } catch (Throwable t) {
                        throw NativeCallException.of("LLVMInitialize" + target + part, t);
                    }
                }
            }
        }
        return present;
    }

    /**
     * The version of the libLLVM at {@code library} (LLVMGetVersion: major, minor, patch), read before any
     * other function is bound, so another version is refused by number, not by whichever symbol it lacks.
     */
    public static int[] version(Path library) {
        SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
        MemorySegment symbol = lookup.find("LLVMGetVersion").orElseThrow(() -> new IllegalStateException(
                library + " has no LLVMGetVersion (not libLLVM, or older than LLVM 16)"));
        MethodHandle getVersion = Linker.nativeLinker().downcallHandle(symbol,
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment parts = arena.allocate(JAVA_INT, 3);
            getVersion.invokeExact(parts, parts.asSlice(4), parts.asSlice(8));
            return new int[]{parts.getAtIndex(JAVA_INT, 0), parts.getAtIndex(JAVA_INT, 1), parts.getAtIndex(JAVA_INT, 2)};
        } catch (Throwable t) {
            throw NativeCallException.of("LLVMGetVersion", t);
        }
    }

    /**
     * An upcall stub, in the global arena (as long-lived as libLLVM), for the static {@code method} of the
     * class {@code lookup} belongs to, which LLVM will call: it must never throw back into LLVM.
     */
    public MemorySegment upcallStub(MethodHandles.Lookup lookup, String method, MethodType type,
                                    FunctionDescriptor descriptor) throws ReflectiveOperationException {
        MethodHandle target = lookup.findStatic(lookup.lookupClass(), method, type);
        return linker.upcallStub(target, descriptor, Arena.global());
    }
}
