package dev.graft.llvm;

/**
 * LLVM's report of an error it cannot recover from ({@code report_fatal_error}: "Cannot select",
 * "Inline asm not supported by this streamer", ...), with the step graft was in when it came. LLVM
 * ends the process once its handler returns, so this is the last thing graft learns from it.
 *
 * @param step   what graft had asked LLVM to do, naming the input ("generating the object for x.bc")
 * @param reason LLVM's message, on one line
 */
public record FatalError(String step, String reason) {

    /** The one line a user sees: the step, the input it names and LLVM's message. */
    public String describe() {
        return "LLVM stopped with a fatal error while " + step + ": " + reason;
    }
}
