package dev.graft.llvm;

import dev.graft.llvm.capi.LibLlvm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * One loaded libLLVM, version-checked, with every target it has initialised and graft's fatal-error
 * handler installed. Loaded once per process: LLVM's target registry, command-line options and
 * fatal-error handler are global.
 *
 * <p>Every target machine of this process generates a trap for an {@code unreachable} that does not follow
 * a call that never returns, as rustc's do (rustc sets TrapUnreachable and NoTrapAfterNoreturn in its
 * TargetOptions, which the C API cannot set per machine). The command-line options that set them here are
 * process-wide and can only switch them on: no target machine of this process can be made without traps.
 */
public final class Llvm {

    private static Llvm loaded;

    final LibLlvm capi;
    private final int major;
    private final int minor;
    private final int patch;
    private final List<String> targets;

    private Llvm(LibLlvm capi, int[] version) throws ReflectiveOperationException {
        this.capi = capi;
        major = version[0];
        minor = version[1];
        patch = version[2];
        FatalErrorHandler.install(capi);
        targets = capi.initializeAllTargets();
        // Inliner remarks reach the diagnostic handler only when these are on (global, as in clang -Rpass).
        // The trap options: every target machine created afterwards reads them (CodeGenTargetMachineImpl's
        // constructor), so they are set here, once, before the first one exists.
        commandLine(List.of("graft", "-pass-remarks=inline", "-pass-remarks-missed=inline", "-trap-unreachable",
                "-no-trap-after-noreturn"));
    }

    /**
     * Loads libLLVM from {@code library}; refuses one whose major version is not {@code expectedMajor}
     * (bitcode from a newer LLVM cannot be read, and rustc's LLVM decides).
     */
    public static synchronized Llvm load(Path library, int expectedMajor) throws LlvmException {
        if (loaded == null) {
            int[] version;
            try {
                version = LibLlvm.version(library);
            } catch (RuntimeException e) {
                throw new LlvmException("cannot load " + library + ": " + e.getMessage(), e);
            }
            if (version[0] != expectedMajor) {
                throw new LlvmException(library + " is LLVM " + version[0] + "." + version[1] + "." + version[2]
                        + " but LLVM " + expectedMajor + " is needed");
            }
            try {
                loaded = new Llvm(new LibLlvm(library), version);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new LlvmException("cannot load " + library + ": " + e.getMessage(), e);
            }
        }
        if (loaded.major != expectedMajor) {
            throw new LlvmException("the libLLVM this process loaded is LLVM " + loaded.version() + " but LLVM "
                    + expectedMajor + " is needed");
        }
        return loaded;
    }

    /**
     * What graft does when LLVM reports a fatal error: LLVM ends the process as soon as {@code reaction}
     * returns, so the reaction says so, cleans up and ends the process itself with graft's own status.
     * It runs on the thread whose call into LLVM failed.
     */
    public static void onFatalError(Consumer<FatalError> reaction) {
        FatalErrorHandler.react(reaction);
    }

    /** The targets this libLLVM was built with (all initialised). */
    public List<String> targets() {
        return targets;
    }

    public String version() {
        return major + "." + minor + "." + patch;
    }

    public Context newContext() throws LlvmException {
        return new Context(this);
    }

    private void commandLine(List<String> args) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment argv = arena.allocate(ValueLayout.ADDRESS, args.size());
            for (int i = 0; i < args.size(); i++) {
                argv.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(args.get(i), StandardCharsets.UTF_8));
            }
            capi.parseCommandLineOptions(args.size(), argv, arena.allocateFrom("graft"));
        }
    }

    /** Reads a string LLVM handed over (we own it) and frees it with LLVMDisposeMessage. */
    String takeMessage(MemorySegment message) {
        if (message.equals(MemorySegment.NULL)) {
            return "";
        }
        try {
            return message.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
        } finally {
            capi.disposeMessage(message);
        }
    }

    /** Reads a string LLVM lends (we must not free it). */
    static String borrowString(MemorySegment text) {
        return text.equals(MemorySegment.NULL) ? "" : text.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
    }
}
