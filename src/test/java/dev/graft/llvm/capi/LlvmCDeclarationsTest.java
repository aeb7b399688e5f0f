package dev.graft.llvm.capi;

import dev.graft.testkit.TestToolchain;
import dev.graft.toolchain.LlvmTools;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The declaration list {@code src/main/capi/llvm-c.functions} held to the installed LLVM, so that a typo or
 * a wrong kind in it fails here and not in a user's build: every function is exported by the libLLVM the
 * toolchain locator finds, and has the shape (return and parameter layouts) of its prototype in that LLVM's
 * {@code llvm-c} headers, where a wrong layout would be undefined behaviour rather than an exception.
 */
class LlvmCDeclarationsTest {

    private static LlvmTools llvm;
    private static List<Downcall> declared;

    @BeforeAll
    static void loadTheInstalledLibLlvm() {
        llvm = TestToolchain.require().llvm();
        assertThat(llvm.libLlvm()).as("libLLVM of LLVM " + llvm.version().major()).isPresent();
        declared = new LibLlvm(llvm.libLlvm().get()).downcalls();
        assertThat(declared).as("the declaration list").hasSizeGreaterThan(60);
    }

    @Test
    void everyDeclaredFunctionIsExportedByTheInstalledLibLlvm() {
        List<String> missing = new ArrayList<>();
        for (Downcall function : declared) {
            try {
                function.handle();
            } catch (IllegalStateException e) {
                missing.add(function.name());
            }
        }
        assertThat(missing).as("declared in llvm-c.functions but not exported by " + llvm.libLlvm().get())
                .isEmpty();
    }

    @Test
    void everyDeclarationHasTheShapeOfItsPrototypeInTheInstalledHeaders() throws IOException {
        Path headers = llvm.binDirectory().getParent().resolve("include/llvm-c");
        assertThat(headers).as("the llvm-c headers of LLVM " + llvm.version().major()
                + " (Debian: llvm-" + llvm.version().major() + "-dev)").isDirectory();
        String prototypes = readHeaders(headers);
        List<String> differences = new ArrayList<>();
        for (Downcall function : declared) {
            Optional<FunctionDescriptor> prototype = prototype(prototypes, function.name());
            if (prototype.isEmpty()) {
                differences.add(function.name() + ": no prototype in " + headers);
            } else if (!prototype.get().equals(function.descriptor())) {
                differences.add(function.name() + ": declared " + function.descriptor() + ", the header says "
                        + prototype.get());
            }
        }
        assertThat(differences).isEmpty();
    }

    /** Every header below {@code directory}, comments and preprocessor lines removed. */
    private static String readHeaders(Path directory) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(directory.toRealPath())) {
            for (Path header : files.filter(p -> p.toString().endsWith(".h")).sorted().toList()) {
                all.append(readUncommented(header)).append('\n');
            }
        }
        return all.toString();
    }

    private static String readUncommented(Path header) {
        try {
            return Files.readString(header).replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ")
                    .replaceAll("(?m)^\\s*#.*$", " ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The layouts of {@code name}'s declaration ({@code ... name(params);}), as graft's binding passes C types. */
    private static Optional<FunctionDescriptor> prototype(String headers, String name) {
        Matcher declaration = declaration(headers, name);
        if (!declaration.find()) {
            // LLVMIsA<Subclass> are declared by a macro over Core.h's list of value subclasses.
            Matcher cast = Pattern.compile("LLVMIsA(\\w+)").matcher(name);
            if (!cast.matches() || !headers.contains("macro(" + cast.group(1) + ")")) {
                return Optional.empty();
            }
            declaration = declaration(headers, "LLVMIsA##name");
            if (!declaration.find()) {
                return Optional.empty();
            }
        }
        List<MemoryLayout> parameters = new ArrayList<>();
        String list = declaration.group(1).strip();
        if (!list.equals("void") && !list.isEmpty()) {
            for (String parameter : list.split(",")) {
                parameters.add(layout(parameter));
            }
        }
        // The result type is what stands between the previous declaration (or block) and the name.
        int start = declaration.start();
        while (start > 0 && ";{})".indexOf(headers.charAt(start - 1)) < 0) {
            start--;
        }
        String result = headers.substring(start, declaration.start()).strip();
        MemoryLayout[] layouts = parameters.toArray(MemoryLayout[]::new);
        return Optional.of(result.matches("(?s)(.*\\s)?void")
                ? FunctionDescriptor.ofVoid(layouts)
                : FunctionDescriptor.of(layout(result), layouts));
    }

    private static Matcher declaration(String headers, String name) {
        return Pattern.compile("\\b" + Pattern.quote(name) + "\\s*\\(([^()]*)\\)\\s*;").matcher(headers);
    }

    /**
     * How the binding passes a C type: pointers, LLVM references and callback typedefs as an address,
     * {@code size_t} and 64-bit integers as a long, and the rest (int, unsigned, LLVMBool, enums) as an int.
     */
    private static MemoryLayout layout(String cType) {
        if (cType.contains("*") || cType.matches("(?s).*\\bLLVM\\w*(Ref|Handler|Callback)\\b.*")) {
            return ADDRESS;
        }
        if (cType.matches("(?s).*\\b(size_t|uint64_t|int64_t|long long)\\b.*")) {
            return JAVA_LONG;
        }
        return JAVA_INT;
    }
}
