package dev.graft.llvm.capi;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Downcall handles for the LLVM C API functions graft calls, bound to one loaded libLLVM. The library
 * stays loaded for the life of the process (global arena): LLVM keeps global state.
 */
public final class LibLlvm {

    // LLVMLinkage (llvm-c/Core.h)
    public static final int EXTERNAL_LINKAGE = 0;
    public static final int LINKONCE_ODR_LINKAGE = 3;
    public static final int INTERNAL_LINKAGE = 8;
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
    public static final int TYPE_KIND_STRUCT = 10;
    public static final int TYPE_KIND_ARRAY = 11;
    public static final int TYPE_KIND_VECTOR = 13;
    public static final int TYPE_KIND_SCALABLE_VECTOR = 17;
    public static final int TYPE_KIND_X86_AMX = 19;

    public final MethodHandle contextCreate;
    public final MethodHandle contextDispose;
    public final MethodHandle contextSetDiagnosticHandler;
    public final MethodHandle getDiagInfoDescription;
    public final MethodHandle getDiagInfoSeverity;
    public final MethodHandle disposeMessage;
    public final MethodHandle createMemoryBufferWithMemoryRangeCopy;
    public final MethodHandle disposeMemoryBuffer;
    public final MethodHandle parseBitcodeInContext2;
    public final MethodHandle disposeModule;
    public final MethodHandle printModuleToString;
    public final MethodHandle linkModules2;
    public final MethodHandle getFirstFunction;
    public final MethodHandle getNextFunction;
    public final MethodHandle getValueName2;
    public final MethodHandle isDeclaration;
    public final MethodHandle getLinkage;
    public final MethodHandle setLinkage;
    public final MethodHandle getAttributeCountAtIndex;
    public final MethodHandle getAttributesAtIndex;
    public final MethodHandle isStringAttribute;
    public final MethodHandle getStringAttributeKind;
    public final MethodHandle getStringAttributeValue;
    public final MethodHandle createStringAttribute;
    public final MethodHandle addAttributeAtIndex;
    public final MethodHandle getNamedFunction;
    public final MethodHandle getFirstBasicBlock;
    public final MethodHandle getNextBasicBlock;
    public final MethodHandle getFirstInstruction;
    public final MethodHandle getNextInstruction;
    public final MethodHandle getInstructionOpcode;
    public final MethodHandle getCalledValue;
    public final MethodHandle isAFunction;
    public final MethodHandle isAInlineAsm;
    public final MethodHandle typeOf;
    public final MethodHandle getTypeKind;
    public final MethodHandle getNumContainedTypes;
    public final MethodHandle getSubtypes;
    public final MethodHandle globalGetValueType;
    public final MethodHandle getNumOperands;
    public final MethodHandle getOperand;
    public final MethodHandle getEnumAttributeKindForName;
    public final MethodHandle createEnumAttribute;
    public final MethodHandle getEnumAttributeKind;
    public final MethodHandle addCallSiteAttribute;
    public final MethodHandle getSection;
    public final MethodHandle setSection;
    public final MethodHandle getTargetFromTriple;
    public final MethodHandle createTargetMachine;
    public final MethodHandle disposeTargetMachine;
    public final MethodHandle targetMachineEmitToMemoryBuffer;
    public final MethodHandle getBufferStart;
    public final MethodHandle getBufferSize;
    public final MethodHandle createPassBuilderOptions;
    public final MethodHandle disposePassBuilderOptions;
    public final MethodHandle runPasses;
    public final MethodHandle getErrorMessage;
    public final MethodHandle disposeErrorMessage;
    public final MethodHandle parseCommandLineOptions;
    public final MethodHandle initializeX86TargetInfo;
    public final MethodHandle initializeX86Target;
    public final MethodHandle initializeX86TargetMC;
    public final MethodHandle initializeX86AsmPrinter;
    public final MethodHandle getTarget;
    public final MethodHandle getDataLayoutStr;

    private final Linker linker = Linker.nativeLinker();
    private final SymbolLookup lookup;

    public LibLlvm(Path library) {
        lookup = SymbolLookup.libraryLookup(library, Arena.global());
        contextCreate = handle("LLVMContextCreate", FunctionDescriptor.of(ADDRESS));
        contextDispose = handle("LLVMContextDispose", FunctionDescriptor.ofVoid(ADDRESS));
        contextSetDiagnosticHandler = handle("LLVMContextSetDiagnosticHandler",
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
        getDiagInfoDescription = handle("LLVMGetDiagInfoDescription", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getDiagInfoSeverity = handle("LLVMGetDiagInfoSeverity", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        disposeMessage = handle("LLVMDisposeMessage", FunctionDescriptor.ofVoid(ADDRESS));
        createMemoryBufferWithMemoryRangeCopy = handle("LLVMCreateMemoryBufferWithMemoryRangeCopy",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
        disposeMemoryBuffer = handle("LLVMDisposeMemoryBuffer", FunctionDescriptor.ofVoid(ADDRESS));
        parseBitcodeInContext2 = handle("LLVMParseBitcodeInContext2",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        disposeModule = handle("LLVMDisposeModule", FunctionDescriptor.ofVoid(ADDRESS));
        printModuleToString = handle("LLVMPrintModuleToString", FunctionDescriptor.of(ADDRESS, ADDRESS));
        linkModules2 = handle("LLVMLinkModules2", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        getFirstFunction = handle("LLVMGetFirstFunction", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getNextFunction = handle("LLVMGetNextFunction", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getValueName2 = handle("LLVMGetValueName2", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        isDeclaration = handle("LLVMIsDeclaration", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getLinkage = handle("LLVMGetLinkage", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        setLinkage = handle("LLVMSetLinkage", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        getAttributeCountAtIndex = handle("LLVMGetAttributeCountAtIndex",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
        getAttributesAtIndex = handle("LLVMGetAttributesAtIndex",
                FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS));
        isStringAttribute = handle("LLVMIsStringAttribute", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getStringAttributeKind = handle("LLVMGetStringAttributeKind", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        getStringAttributeValue = handle("LLVMGetStringAttributeValue",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        createStringAttribute = handle("LLVMCreateStringAttribute",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT));
        addAttributeAtIndex = handle("LLVMAddAttributeAtIndex", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS));
        getNamedFunction = handle("LLVMGetNamedFunction", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        getFirstBasicBlock = handle("LLVMGetFirstBasicBlock", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getNextBasicBlock = handle("LLVMGetNextBasicBlock", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getFirstInstruction = handle("LLVMGetFirstInstruction", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getNextInstruction = handle("LLVMGetNextInstruction", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getInstructionOpcode = handle("LLVMGetInstructionOpcode", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getCalledValue = handle("LLVMGetCalledValue", FunctionDescriptor.of(ADDRESS, ADDRESS));
        isAFunction = handle("LLVMIsAFunction", FunctionDescriptor.of(ADDRESS, ADDRESS));
        isAInlineAsm = handle("LLVMIsAInlineAsm", FunctionDescriptor.of(ADDRESS, ADDRESS));
        typeOf = handle("LLVMTypeOf", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getTypeKind = handle("LLVMGetTypeKind", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getNumContainedTypes = handle("LLVMGetNumContainedTypes", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getSubtypes = handle("LLVMGetSubtypes", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        globalGetValueType = handle("LLVMGlobalGetValueType", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getNumOperands = handle("LLVMGetNumOperands", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        getOperand = handle("LLVMGetOperand", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT));
        getEnumAttributeKindForName = handle("LLVMGetEnumAttributeKindForName",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        getEnumAttributeKind = handle("LLVMGetEnumAttributeKind", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        createEnumAttribute = handle("LLVMCreateEnumAttribute",
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG));
        addCallSiteAttribute = handle("LLVMAddCallSiteAttribute", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS));
        getSection = handle("LLVMGetSection", FunctionDescriptor.of(ADDRESS, ADDRESS));
        setSection = handle("LLVMSetSection", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS));
        getTargetFromTriple = handle("LLVMGetTargetFromTriple",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        createTargetMachine = handle("LLVMCreateTargetMachine", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS,
                ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT));
        disposeTargetMachine = handle("LLVMDisposeTargetMachine", FunctionDescriptor.ofVoid(ADDRESS));
        targetMachineEmitToMemoryBuffer = handle("LLVMTargetMachineEmitToMemoryBuffer",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        getBufferStart = handle("LLVMGetBufferStart", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getBufferSize = handle("LLVMGetBufferSize", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        createPassBuilderOptions = handle("LLVMCreatePassBuilderOptions", FunctionDescriptor.of(ADDRESS));
        disposePassBuilderOptions = handle("LLVMDisposePassBuilderOptions", FunctionDescriptor.ofVoid(ADDRESS));
        runPasses = handle("LLVMRunPasses", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        getErrorMessage = handle("LLVMGetErrorMessage", FunctionDescriptor.of(ADDRESS, ADDRESS));
        disposeErrorMessage = handle("LLVMDisposeErrorMessage", FunctionDescriptor.ofVoid(ADDRESS));
        parseCommandLineOptions = handle("LLVMParseCommandLineOptions",
                FunctionDescriptor.ofVoid(JAVA_INT, ADDRESS, ADDRESS));
        initializeX86TargetInfo = handle("LLVMInitializeX86TargetInfo", FunctionDescriptor.ofVoid());
        initializeX86Target = handle("LLVMInitializeX86Target", FunctionDescriptor.ofVoid());
        initializeX86TargetMC = handle("LLVMInitializeX86TargetMC", FunctionDescriptor.ofVoid());
        initializeX86AsmPrinter = handle("LLVMInitializeX86AsmPrinter", FunctionDescriptor.ofVoid());
        getTarget = handle("LLVMGetTarget", FunctionDescriptor.of(ADDRESS, ADDRESS));
        getDataLayoutStr = handle("LLVMGetDataLayoutStr", FunctionDescriptor.of(ADDRESS, ADDRESS));
    }

    /**
     * The version of the libLLVM at {@code library} (LLVMGetVersion: major, minor, patch), read before any
     * other function is bound, so another version is refused by number, not by whichever symbol it lacks.
     */
    public static int[] version(Path library) throws Throwable {
        SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
        MemorySegment symbol = lookup.find("LLVMGetVersion").orElseThrow(() -> new IllegalStateException(
                library + " has no LLVMGetVersion (not libLLVM, or older than LLVM 16)"));
        MethodHandle getVersion = Linker.nativeLinker().downcallHandle(symbol,
                FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment parts = arena.allocate(JAVA_INT, 3);
            getVersion.invokeExact(parts, parts.asSlice(4), parts.asSlice(8));
            return new int[]{parts.getAtIndex(JAVA_INT, 0), parts.getAtIndex(JAVA_INT, 1), parts.getAtIndex(JAVA_INT, 2)};
        }
    }

    private MethodHandle handle(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new IllegalStateException(
                "libLLVM has no " + name + " (not an LLVM graft can use)"));
        return linker.downcallHandle(symbol, descriptor);
    }

    /** An upcall stub for {@code void (*)(LLVMDiagnosticInfoRef, void *)} calling {@code target}, in the global arena. */
    public MemorySegment diagnosticHandlerStub(MethodHandle target) {
        return linker.upcallStub(target, FunctionDescriptor.ofVoid(ADDRESS, ADDRESS), Arena.global());
    }
}
