package dev.graft.llvm;

import dev.graft.ir.Linkage;
import dev.graft.ir.ModuleFacts;
import dev.graft.llvm.capi.LibLlvm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An LLVMModule owned by Java until {@link #linkIn} consumes it (LLVMLinkModules2 destroys its source):
 * a consumed or closed module's {@link #close()} does nothing and any other use throws, and so does the
 * use of a {@link Function} it handed out. Closing an owned module disposes it; it must be closed before
 * its {@link Context}.
 */
public final class Module implements AutoCloseable {

    /**
     * A function or global variable of the module: what the module's symbol table holds, as graft needs to see
     * it. Owned by its module: once the module is closed or consumed, using it through any module method throws
     * instead of touching freed memory.
     */
    public abstract static sealed class GlobalValue permits Function, Variable {
        private final Module module;
        private final String name;
        private final boolean declaration;
        private final Linkage linkage;
        private final MemorySegment handle;

        private GlobalValue(Module module, String name, boolean declaration, Linkage linkage, MemorySegment handle) {
            this.module = module;
            this.name = name;
            this.declaration = declaration;
            this.linkage = linkage;
            this.handle = handle;
        }

        public String name() {
            return name;
        }

        public boolean declaration() {
            return declaration;
        }

        public Linkage linkage() {
            return linkage;
        }

        /** The LLVMValueRef, checked to belong to a module that is still alive. */
        MemorySegment handle() {
            module.live();
            return handle;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A function of the module. */
    public static final class Function extends GlobalValue {
        private Function(Module module, String name, boolean declaration, Linkage linkage, MemorySegment handle) {
            super(module, name, declaration, linkage, handle);
        }
    }

    /** A global variable of the module. */
    public static final class Variable extends GlobalValue {
        private final boolean constant;
        private final boolean addressMatters;

        private Variable(Module module, String name, boolean declaration, Linkage linkage, boolean constant,
                         boolean addressMatters, MemorySegment handle) {
            super(module, name, declaration, linkage, handle);
            this.constant = constant;
            this.addressMatters = addressMatters;
        }

        /** Declared {@code constant}: nothing writes it. */
        public boolean constant() {
            return constant;
        }

        /**
         * Neither {@code unnamed_addr} nor {@code local_unnamed_addr}: a copy elsewhere would be told apart by its
         * address.
         */
        public boolean addressMatters() {
            return addressMatters;
        }
    }

    private final Context context;
    private final LibLlvm capi;
    private final String name;
    private MemorySegment handle;
    private Attributes attributes;

    private Module(Context context, String name, MemorySegment handle) {
        this.context = context;
        this.capi = context.llvm.capi;
        this.name = name;
        this.handle = handle;
    }

    /** Parses bitcode; the bytes are copied, so the caller keeps them. */
    public static Module parseBitcode(Context context, byte[] bitcode, String name) throws LlvmException {
        return read(context, bitcode, name, false);
    }

    /**
     * Reads bitcode lazily: declarations, globals and attributes now, a function's body when something needs
     * it (linking it into another module does). A helper library of hundreds of helpers, of which a crate
     * calls a few, is then mostly never parsed. The bytes are copied, so the caller keeps them.
     */
    public static Module readBitcodeLazily(Context context, byte[] bitcode, String name) throws LlvmException {
        return read(context, bitcode, name, true);
    }

    /** Parses textual IR (a module graft wrote itself, such as signature adapters). */
    public static Module parseIr(Context context, String ir, String name) throws LlvmException {
        LibLlvm capi = context.llvm.capi;
        try (Arena arena = Arena.ofConfined(); NativeStep step = NativeStep.enter("reading " + name)) {
            byte[] text = ir.getBytes(StandardCharsets.UTF_8);
            MemorySegment data = arena.allocate(text.length + 1L);
            MemorySegment.copy(text, 0, data, ValueLayout.JAVA_BYTE, 0, text.length);
            // The parser owns the buffer from here on, whether or not it succeeds.
            MemorySegment buffer = capi.createMemoryBufferWithMemoryRangeCopy(data, text.length,
                    arena.allocateFrom(name));
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment message = arena.allocate(ValueLayout.ADDRESS);
            if (capi.parseIrInContext(context.handle, buffer, out, message)) {
                throw new LlvmException(name + ": " + context.llvm.takeMessage(message.get(ValueLayout.ADDRESS, 0)));
            }
            return new Module(context, name, out.get(ValueLayout.ADDRESS, 0));
        }
    }

    private static Module read(Context context, byte[] bitcode, String name, boolean lazily) throws LlvmException {
        LibLlvm capi = context.llvm.capi;
        try (Arena arena = Arena.ofConfined(); NativeStep step = NativeStep.enter("reading " + name)) {
            MemorySegment data = arena.allocate(bitcode.length);
            MemorySegment.copy(bitcode, 0, data, ValueLayout.JAVA_BYTE, 0, bitcode.length);
            MemorySegment buffer = capi.createMemoryBufferWithMemoryRangeCopy(data, bitcode.length,
                    arena.allocateFrom(name));
            MemorySegment out = arena.allocate(ValueLayout.ADDRESS);
            boolean failed;
            try {
                failed = lazily ? capi.getBitcodeModuleInContext2(context.handle, buffer, out)
                        : capi.parseBitcodeInContext2(context.handle, buffer, out);
            } finally {
                // A lazy module owns the buffer from here on and frees it with itself (or at once, on failure).
                if (!lazily) {
                    capi.disposeMemoryBuffer(buffer);
                }
            }
            if (failed) {
                throw new LlvmException(name + ": " + context.errors("not valid bitcode"));
            }
            return new Module(context, name, out.get(ValueLayout.ADDRESS, 0));
        }
    }

    private MemorySegment live() {
        if (handle == null) {
            throw new IllegalStateException("module " + name + " was closed, or consumed by linking it into another");
        }
        return handle;
    }

    /** The name it was parsed under (its file's name). */
    public String name() {
        return name;
    }

    /** The module's target triple ("" when it names none). */
    public String targetTriple() {
        return Llvm.borrowString(capi.getTarget(live()));
    }

    /** The module's data layout string ("" when it names none). */
    public String dataLayout() {
        return Llvm.borrowString(capi.getDataLayoutStr(live()));
    }

    /** Its functions, declarations and direct calls, copied out of LLVM. */
    public ModuleFacts facts() {
        return new ModuleReader(context.llvm).read(functions());
    }

    /** Whether the module has the named metadata {@code metadataName} (written {@code !name = ...} in IR). */
    public boolean hasNamedMetadata(String metadataName) {
        try (Arena arena = Arena.ofConfined()) {
            byte[] bytes = metadataName.getBytes(StandardCharsets.UTF_8);
            return !capi.getNamedMetadata(live(), arena.allocateFrom(metadataName, StandardCharsets.UTF_8),
                    bytes.length).equals(MemorySegment.NULL);
        }
    }

    /**
     * The operands of each node of the named metadata {@code metadataName}, as strings: a node written
     * {@code !{!"a", !"b"}} is {@code ["a", "b"]}; an operand that is not a metadata string is empty. No
     * nodes when the named metadata is absent.
     */
    public List<List<Optional<String>>> namedMetadataStrings(String metadataName) {
        List<List<Optional<String>>> nodes = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocateFrom(metadataName, StandardCharsets.UTF_8);
            int count = capi.getNamedMetadataNumOperands(live(), name);
            MemorySegment values = arena.allocate(ValueLayout.ADDRESS, Math.max(1, count));
            capi.getNamedMetadataOperands(live(), name, values);
            for (int i = 0; i < count; i++) {
                MemorySegment node = values.getAtIndex(ValueLayout.ADDRESS, i);
                int operandCount = capi.getMdNodeNumOperands(node);
                MemorySegment operands = arena.allocate(ValueLayout.ADDRESS, Math.max(1, operandCount));
                capi.getMdNodeOperands(node, operands);
                List<Optional<String>> strings = new ArrayList<>();
                for (int j = 0; j < operandCount; j++) {
                    strings.add(metadataString(operands.getAtIndex(ValueLayout.ADDRESS, j), arena));
                }
                nodes.add(List.copyOf(strings));
            }
        }
        return List.copyOf(nodes);
    }

    private Optional<String> metadataString(MemorySegment value, Arena arena) {
        if (value.equals(MemorySegment.NULL)) {
            return Optional.empty();
        }
        MemorySegment length = arena.allocate(ValueLayout.JAVA_INT);
        MemorySegment text = capi.getMdString(value, length);
        if (text.equals(MemorySegment.NULL)) {
            return Optional.empty();
        }
        return Optional.of(new String(text.reinterpret(Integer.toUnsignedLong(length.get(ValueLayout.JAVA_INT, 0)))
                .toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8));
    }

    /** The module as textual IR. */
    public String print() {
        return context.llvm.takeMessage(capi.printModuleToString(live()));
    }

    public List<Function> functions() {
        List<Function> functions = new ArrayList<>();
        for (MemorySegment f = capi.getFirstFunction(live()); !f.equals(MemorySegment.NULL);
             f = capi.getNextFunction(f)) {
            functions.add(function(f, nameOf(capi, f)));
        }
        return functions;
    }

    private Function function(MemorySegment f, String functionName) {
        return new Function(this, functionName, capi.isDeclaration(f), LinkageCodes.fromC(capi.getLinkage(f)), f);
    }

    /** Its global variables, definitions and declarations, copied out of LLVM. */
    public List<Variable> variables() {
        List<Variable> variables = new ArrayList<>();
        for (MemorySegment g = capi.getFirstGlobal(live()); !g.equals(MemorySegment.NULL); g = capi.getNextGlobal(g)) {
            variables.add(new Variable(this, nameOf(capi, g), capi.isDeclaration(g),
                    LinkageCodes.fromC(capi.getLinkage(g)), capi.isGlobalConstant(g),
                    capi.getUnnamedAddress(g) == LibLlvm.UNNAMED_ADDR_NONE, g));
        }
        return variables;
    }

    /** Its functions, then its global variables. */
    public List<GlobalValue> globals() {
        List<GlobalValue> globals = new ArrayList<>(functions());
        globals.addAll(variables());
        return globals;
    }

    public void setLinkage(GlobalValue global, Linkage linkage) {
        capi.setLinkage(own(global), LinkageCodes.toC(linkage));
    }

    /** Renames one of this module's globals; every use follows it, so they now refer to the new name. */
    public void rename(GlobalValue global, String newName) {
        try (Arena arena = Arena.ofConfined()) {
            byte[] bytes = newName.getBytes(StandardCharsets.UTF_8);
            capi.setValueName2(own(global), arena.allocateFrom(newName, StandardCharsets.UTF_8), bytes.length);
        }
    }

    /** Gives the global hidden visibility: its symbol resolves within the program or library it is linked into. */
    public void hide(GlobalValue global) {
        capi.setVisibility(own(global), LibLlvm.VISIBILITY_HIDDEN);
    }

    /** Whether the global belongs to a comdat (an ELF section group the linker keeps one copy of). */
    public boolean inComdat(GlobalValue global) {
        return !capi.getComdat(own(global)).equals(MemorySegment.NULL);
    }

    /** Takes the global out of its comdat, if it is in one. */
    public void leaveComdat(GlobalValue global) {
        capi.setComdat(own(global), MemorySegment.NULL);
    }

    /** Erases a global variable; nothing may use it any more. */
    public void delete(Variable variable) {
        capi.deleteGlobal(own(variable));
    }

    /** Whether the module has aliases or ifuncs: other names for its globals. */
    public boolean hasAliases() {
        return !capi.getFirstGlobalAlias(live()).equals(MemorySegment.NULL)
                || !capi.getFirstGlobalIFunc(live()).equals(MemorySegment.NULL);
    }

    /** Drops the module-level assembly ({@code module asm}, Rust's {@code global_asm!}). */
    public void dropModuleAssembly() {
        try (Arena arena = Arena.ofConfined()) {
            capi.setModuleInlineAsm2(live(), arena.allocateFrom(""), 0);
        }
    }

    /** What LLVM's verifier finds wrong with the module; empty when it is well formed. */
    public Optional<String> verify() {
        try (Arena arena = Arena.ofConfined(); NativeStep step = NativeStep.enter("verifying " + name)) {
            MemorySegment message = arena.allocate(ValueLayout.ADDRESS);
            boolean broken = capi.verifyModule(live(), LibLlvm.VERIFY_RETURN_STATUS, message);
            String text = context.llvm.takeMessage(message.get(ValueLayout.ADDRESS, 0));
            return broken ? Optional.of(text.strip()) : Optional.empty();
        }
    }

    /** The function called {@code functionName}, if the module has one. */
    public Optional<Function> function(String functionName) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment f = capi.getNamedFunction(live(), arena.allocateFrom(functionName, StandardCharsets.UTF_8));
            return f.equals(MemorySegment.NULL) ? Optional.empty() : Optional.of(function(f, functionName));
        }
    }

    /** The handle of a global of this module. */
    MemorySegment own(GlobalValue global) {
        if (global.module != this) {
            throw new IllegalArgumentException(global.name + " is a global of " + global.module.name + ", not of "
                    + name);
        }
        return global.handle();
    }

    /**
     * Reads and edits the attributes of this module's functions and call sites. One per module: it keeps
     * the table of LLVM's attribute kind numbers it looked up.
     */
    public Attributes attributes() {
        live();
        if (attributes == null) {
            attributes = new Attributes(context, this);
        }
        return attributes;
    }

    /** What the function's code does that a target feature could matter to. */
    public CodeFacts codeFacts(Function function) {
        return new FunctionCode(capi).inspect(own(function));
    }

    /** The name of a value (borrowed from LLVM, copied). */
    static String nameOf(LibLlvm capi, MemorySegment value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment length = arena.allocate(ValueLayout.JAVA_LONG);
            MemorySegment text = capi.getValueName2(value, length);
            return new String(text.reinterpret(length.get(ValueLayout.JAVA_LONG, 0)).toArray(ValueLayout.JAVA_BYTE),
                    StandardCharsets.UTF_8);
        }
    }

    /** Gives each defined function without an explicit section its own, as -ffunction-sections does. */
    public void useFunctionSections() {
        try (Arena arena = Arena.ofConfined()) {
            for (Function f : functions()) {
                if (!f.declaration() && Llvm.borrowString(capi.getSection(f.handle())).isEmpty()) {
                    capi.setSection(f.handle(), arena.allocateFrom(".text." + f.name()));
                }
            }
        }
    }

    /** Links {@code source} into this module. {@code source} is consumed whether or not linking succeeds. */
    public void linkIn(Module source) throws LlvmException {
        MemorySegment destination = live();
        MemorySegment src = source.live();
        source.handle = null;
        try (NativeStep step = NativeStep.enter("linking " + source.name + " into " + name)) {
            if (capi.linkModules2(destination, src)) {
                throw new LlvmException(context.errors("the modules could not be linked"));
            }
        }
    }

    /** Runs a new-pass-manager pipeline (for example {@code default<O2>}) with the target machine attached. */
    public void runPasses(String pipeline, TargetMachine machine) throws LlvmException {
        try (Arena arena = Arena.ofConfined(); NativeStep step = NativeStep.enter("optimising " + name)) {
            MemorySegment options = capi.createPassBuilderOptions();
            try {
                MemorySegment error = capi.runPasses(live(), arena.allocateFrom(pipeline), machine.handle, options);
                if (!error.equals(MemorySegment.NULL)) {
                    MemorySegment message = capi.getErrorMessage(error);
                    String text = Llvm.borrowString(message);
                    capi.disposeErrorMessage(message);
                    throw new LlvmException("passes '" + pipeline + "' failed: " + text);
                }
            } finally {
                capi.disposePassBuilderOptions(options);
            }
        }
    }

    /** Whether {@link #runPasses(Function, String, TargetMachine)} exists in this libLLVM (LLVM 20 and later). */
    public boolean canRunPassesOnOneFunction() {
        return capi.has("LLVMRunPassesOnFunction");
    }

    /** Runs a function pass pipeline over one of this module's functions (LLVMRunPassesOnFunction, LLVM 20+). */
    public void runPasses(Function function, String pipeline, TargetMachine machine) throws LlvmException {
        try (Arena arena = Arena.ofConfined();
             NativeStep step = NativeStep.enter("optimising " + function.name() + " of " + name)) {
            MemorySegment options = capi.createPassBuilderOptions();
            try {
                MemorySegment error = capi.runPassesOnFunction(own(function), arena.allocateFrom(pipeline),
                        machine.handle, options);
                if (!error.equals(MemorySegment.NULL)) {
                    MemorySegment message = capi.getErrorMessage(error);
                    String text = Llvm.borrowString(message);
                    capi.disposeErrorMessage(message);
                    throw new LlvmException("passes '" + pipeline + "' failed on " + function.name() + ": " + text);
                }
            } finally {
                capi.disposePassBuilderOptions(options);
            }
        }
    }

    /**
     * Generates the object file in memory. Not to a file: LLVM treats a failed write of its output stream
     * (a full disk) as a fatal error and exits the process; Java writes the bytes and reports the failure.
     */
    public byte[] emitObject(TargetMachine machine) throws LlvmException {
        try (Arena arena = Arena.ofConfined();
             NativeStep step = NativeStep.enter("generating the object for " + name)) {
            MemorySegment error = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment buffer = arena.allocate(ValueLayout.ADDRESS);
            if (capi.targetMachineEmitToMemoryBuffer(machine.handle, live(), LibLlvm.OBJECT_FILE, error, buffer)) {
                throw new LlvmException("cannot generate the object: "
                        + context.llvm.takeMessage(error.get(ValueLayout.ADDRESS, 0)));
            }
            MemorySegment object = buffer.get(ValueLayout.ADDRESS, 0);
            try {
                return capi.getBufferStart(object).reinterpret(capi.getBufferSize(object))
                        .toArray(ValueLayout.JAVA_BYTE);
            } finally {
                capi.disposeMemoryBuffer(object);
            }
        }
    }

    /** Disposes the module if this object still owns it; a consumed or closed module is left alone. */
    @Override
    public void close() {
        if (handle == null) {
            return;
        }
        MemorySegment owned = handle;
        handle = null;
        capi.disposeModule(owned);
    }
}
