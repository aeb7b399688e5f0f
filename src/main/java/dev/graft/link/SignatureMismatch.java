package dev.graft.link;

import dev.graft.ir.FunctionSignature;
import dev.graft.ir.DeclarationEdits;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A crate's {@code extern} declaration of a helper whose IR type differs from the helper's definition. LLVM
 * never inlines a call whose type differs from its callee's, and rustc and clang lower the same C type
 * differently where the calling convention lets them: on aarch64 rustc returns a 4-byte {@code #[repr(C)]}
 * struct as {@code i64}, clang as {@code i32}, the same register either way (the kernel's
 * {@code rust_helper_REFCOUNT_INIT}, declared by bindgen, which no user can change).
 *
 * <p>When the difference is one the target's calling convention makes identical, the call goes through an
 * <em>adapter</em>: a function of the declared type that calls the helper with its own type and truncates
 * or extends exactly as the register would, {@code alwaysinline}, so the call site ends up with the helper
 * inlined as if the declaration had matched. Any other difference stays an ordinary out-of-line call, as
 * rustc alone would build it, with {@link #refusal()} saying why in the report.
 *
 * @param helper   the helper's name
 * @param declared the type the crate declares
 * @param defined  the type the helper library defines
 * @param refusal  why no adapter is exact; empty when the call goes through {@link #adapterName()}
 */
public record SignatureMismatch(String helper, FunctionSignature declared, FunctionSignature defined,
                                Optional<String> refusal) {

    /**
     * Targets whose C calling convention passes and returns every integer of up to 64 bits in one 64-bit
     * register, where a 32-bit result also defines the register's upper half (x86-64 and AArch64 zero it on
     * every 32-bit write). riscv64 sign-extends 32-bit values instead, so it is not here.
     */
    private static final Set<String> ONE_REGISTER_INTEGERS = Set.of("x86_64", "aarch64");

    private static final Pattern INTEGER = Pattern.compile("i(\\d+)");

    /** Decides whether an exact adapter exists for a call declared {@code declared} to a helper {@code defined}. */
    public static SignatureMismatch of(String helper, FunctionSignature declared, FunctionSignature defined,
                                       String crateTriple) {
        String arch = crateTriple.split("-", 2)[0];
        Optional<String> refusal = ONE_REGISTER_INTEGERS.contains(arch) ? whyNotExact(declared, defined)
                : Optional.of("graft adapts a declaration only where it knows the calling convention (x86_64, "
                + "aarch64), not " + (arch.isEmpty() ? "a module without a target triple" : arch));
        return new SignatureMismatch(helper, declared, defined, refusal);
    }

    public boolean adapted() {
        return refusal.isEmpty();
    }

    /** What the report says about a call left out of line for this difference. */
    public String reason() {
        return "the crate declares " + helper + " as " + declared + " but the helper library defines it as "
                + defined + ": " + refusal.orElse("adapted") + "; the call stays an ordinary call (fix the extern "
                + "declaration to inline it)";
    }

    private static Optional<String> whyNotExact(FunctionSignature declared, FunctionSignature defined) {
        if (declared.variadic() || defined.variadic()) {
            return Optional.of("variadic functions are never inlined through an adapter");
        }
        if (declared.parameterTypes().size() != defined.parameterTypes().size()) {
            return Optional.of("they take different numbers of arguments");
        }
        for (int i = 0; i < declared.parameterTypes().size(); i++) {
            String passed = declared.parameterTypes().get(i);
            String read = defined.parameterTypes().get(i);
            if (passed.equals(read)) {
                continue;
            }
            int passedBits = bits(passed);
            int readBits = bits(read);
            if (passedBits == 0 || readBits == 0) {
                return Optional.of("argument " + (i + 1) + " is " + passed + " in the call and " + read
                        + " in the helper, which no register conversion makes the same");
            }
            if (readBits > passedBits) {
                return Optional.of("argument " + (i + 1) + " is passed as " + passed + " but read as " + read
                        + ": the register's upper bits are unspecified");
            }
            if (readBits < 8) {
                return Optional.of("argument " + (i + 1) + " is passed as " + passed + " but read as " + read
                        + ": a C bool reads more than the bit a truncation keeps");
            }
        }
        String wanted = declared.returnType();
        String given = defined.returnType();
        if (wanted.equals(given) || wanted.equals("void")) {
            return Optional.empty();
        }
        int wantedBits = bits(wanted);
        int givenBits = bits(given);
        if (wantedBits == 0 || givenBits == 0) {
            return Optional.of("the call expects " + wanted + " where the helper returns " + given
                    + ", which no register conversion makes the same");
        }
        if (wantedBits > givenBits && givenBits < 32) {
            return Optional.of("the call reads " + wanted + " where the helper returns " + given
                    + ": how the register is extended is the helper's own convention");
        }
        return Optional.empty();
    }

    /** The width of an integer type of at most 64 bits; 0 for anything else. */
    private static int bits(String type) {
        Matcher m = INTEGER.matcher(type);
        if (!m.matches()) {
            return 0;
        }
        int bits = Integer.parseInt(m.group(1));
        return bits <= 64 ? bits : 0;
    }

    /**
     * The adapter's name: the helper's, the declared type and a digest of both types, so two crates that
     * declare a helper differently never share an adapter ({@code linkonce_odr} copies must be the same).
     */
    public String adapterName() {
        String types = declared + " -> " + defined;
        return helper + ".graft-adapter." + Integer.toHexString(types.hashCode());
    }

    /**
     * The adapter's definition and the helper's declaration with its real type, as IR text. The crate's
     * declaration was renamed to {@link #adapterName()}: this definition resolves it ({@code linkonce_odr hidden}:
     * dropped once every call is inlined, never exported). {@code functionAttributes} must carry the crate's
     * own {@code "target-cpu"}/{@code "target-features"} (its declaration's): the adapter is
     * {@code alwaysinline}, which skips LLVM's target check, so it may take the helper in only where every
     * caller could.
     */
    public String adapterIr(String functionAttributes) {
        if (!adapted()) {
            throw new IllegalStateException("no exact adapter: " + refusal.orElseThrow());
        }
        List<String> parameters = new ArrayList<>();
        List<String> arguments = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < declared.parameterTypes().size(); i++) {
            String passed = declared.parameterTypes().get(i);
            String read = defined.parameterTypes().get(i);
            parameters.add(passed + " %p" + i);
            if (passed.equals(read)) {
                arguments.add(read + " %p" + i);
            } else {
                body.append("  %a").append(i).append(" = trunc ").append(passed).append(" %p").append(i)
                        .append(" to ").append(read).append('\n');
                arguments.add(read + " %a" + i);
            }
        }
        String call = "call " + defined.returnType() + " " + global(helper) + "(" + String.join(", ", arguments) + ")";
        String wanted = declared.returnType();
        String given = defined.returnType();
        if (given.equals("void") || wanted.equals("void")) {
            body.append("  ").append(call).append("\n  ret void\n");
        } else if (wanted.equals(given)) {
            body.append("  %r = ").append(call).append("\n  ret ").append(wanted).append(" %r\n");
        } else {
            String conversion = bits(wanted) > bits(given) ? "zext" : "trunc";
            body.append("  %r = ").append(call).append("\n  %c = ").append(conversion).append(' ').append(given)
                    .append(" %r to ").append(wanted).append("\n  ret ").append(wanted).append(" %c\n");
        }
        return "declare " + given + " " + global(helper) + "(" + String.join(", ", defined.parameterTypes()) + ")\n\n"
                + "define linkonce_odr hidden " + wanted + " " + global(adapterName()) + "("
                + String.join(", ", parameters) + ") unnamed_addr alwaysinline " + functionAttributes + " {\n"
                + body + "}\n";
    }

    /** {@code "target-cpu"} and {@code "target-features"} of a function's string attributes, as IR writes them. */
    public static String targetAttributes(Map<String, String> stringAttributes) {
        List<String> written = new ArrayList<>();
        for (String key : List.of("target-cpu", "target-features")) {
            String value = stringAttributes.get(key);
            if (value != null) {
                written.add("\"" + key + "\"=\"" + value.replace("\\", "\\5C").replace("\"", "\\22") + "\"");
            }
        }
        return String.join(" ", written);
    }

    /** A module of adapters ({@link #adapterIr} texts) for the crate's target. */
    public static String adapterModule(List<String> adapters, String triple, String dataLayout) {
        StringBuilder module = new StringBuilder();
        if (!dataLayout.isEmpty()) {
            module.append("target datalayout = \"").append(dataLayout).append("\"\n");
        }
        if (!triple.isEmpty()) {
            module.append("target triple = \"").append(triple).append("\"\n");
        }
        adapters.forEach(a -> module.append('\n').append(a));
        return module.toString();
    }

    private static String global(String name) {
        return DeclarationEdits.quoted(name);
    }
}
