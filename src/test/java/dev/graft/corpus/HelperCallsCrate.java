package dev.graft.corpus;

import dev.graft.ir.FunctionDefinition;
import dev.graft.ir.FunctionSignature;
import dev.graft.ir.IrModuleScan;
import dev.graft.ir.IrParseException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A crate with one call site for every helper of a library whose signature Rust can spell from IR types alone:
 * 7.2's helpers are too many to declare by hand (6.12's crate is written from the C prototypes). Each
 * declaration is derived from the helper's own definition, so {@code graft rustc}'s signature check has
 * nothing to refuse; helpers taking or returning an aggregate by value are left out and listed.
 *
 * @param source  the crate's text, built with the kernel's Rust flags (its lints included)
 * @param helpers the helpers it calls, once each
 * @param omitted the helpers it does not call, with the IR type Rust cannot spell here
 */
public record HelperCallsCrate(String source, List<String> helpers, Map<String, String> omitted) {

    private static final Map<String, String> RUST_TYPES = Map.of("ptr", "*mut c_void", "i1", "bool", "i8", "u8",
            "i16", "u16", "i32", "u32", "i64", "u64");

    /**
     * Writes the crate for a helper library's textual IR (bench/corpus/linux-7.2/run), calling every helper
     * or every K-th, so that about N are called: {@code HelperCallsCrate HELPERS.ll OUT.rs DESCRIPTION [N]}.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 3 && args.length != 4) {
            System.err.println("usage: HelperCallsCrate HELPERS.ll OUT.rs DESCRIPTION [N]");
            System.exit(2);
        }
        String ir = Files.readString(Path.of(args[0]));
        HelperCallsCrate crate = of(ir, args[2]);
        if (args.length == 4) {
            crate = of(ir, args[2], Math.max(1, crate.helpers().size() / Integer.parseInt(args[3])));
        }
        Files.writeString(Path.of(args[1]), crate.source());
        System.out.println(crate.helpers().size() + " helpers called, " + crate.omitted().size() + " left out");
    }

    static HelperCallsCrate of(String helperLibraryIr, String description) throws IrParseException {
        return of(helperLibraryIr, description, 1);
    }

    /** Calls every {@code every}-th helper Rust can declare. */
    static HelperCallsCrate of(String helperLibraryIr, String description, int every) throws IrParseException {
        int declarable = 0;
        StringBuilder calls = new StringBuilder();
        StringBuilder externs = new StringBuilder();
        List<String> helpers = new ArrayList<>();
        Map<String, String> omitted = new java.util.TreeMap<>();
        for (FunctionDefinition f : IrModuleScan.of(helperLibraryIr).definitions()) {
            if (!f.name().startsWith("rust_helper_")) {
                continue;
            }
            FunctionSignature signature = f.signature();
            Optional<String> unspeakable = signature.parameterTypes().stream()
                    .filter(t -> !RUST_TYPES.containsKey(t)).findFirst()
                    .or(() -> signature.returnType().equals("void") || RUST_TYPES.containsKey(signature.returnType())
                            ? Optional.empty() : Optional.of(signature.returnType()));
            if (signature.variadic() || unspeakable.isPresent()) {
                omitted.put(f.name(), unspeakable.orElse("..."));
                continue;
            }
            if (declarable++ % every != 0) {
                continue;
            }
            List<String> parameters = new ArrayList<>();
            List<String> arguments = new ArrayList<>();
            for (int i = 0; i < signature.parameterTypes().size(); i++) {
                parameters.add("a" + i + ": " + RUST_TYPES.get(signature.parameterTypes().get(i)));
                arguments.add("a" + i);
            }
            String returns = signature.returnType().equals("void") ? ""
                    : " -> " + RUST_TYPES.get(signature.returnType());
            String params = String.join(", ", parameters);
            externs.append("    fn ").append(f.name()).append('(').append(params).append(')').append(returns)
                    .append(";\n");
            calls.append("/// Calls `").append(f.name()).append("` once.\n///\n/// # Safety\n///\n")
                    .append("/// As the C function it wraps.\n#[no_mangle]\npub unsafe extern \"C\" fn call_")
                    .append(helpers.size()).append('(').append(params).append(')').append(returns).append(" {\n")
                    .append("    // SAFETY: the caller upholds the helper's contract.\n    unsafe { ")
                    .append(f.name()).append('(').append(String.join(", ", arguments)).append(") }\n}\n\n");
            helpers.add(f.name());
        }
        String source = "//! One call site for every helper of " + description + " whose signature Rust can "
                + "spell from IR types,\n//! generated from the helpers' own definitions.\n#![no_std]\n\n"
                + "use core::ffi::c_void;\n\nunsafe extern \"C\" {\n" + externs + "}\n\n" + calls;
        return new HelperCallsCrate(source, helpers, omitted);
    }
}
