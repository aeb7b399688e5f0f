import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes graft's raw LLVM C API binding, {@code dev.graft.llvm.capi.LibLlvmFunctions}, from the declaration
 * list {@code src/main/capi/llvm-c.functions}: for each C function a lazily bound downcall handle and one
 * typed method that invokes it and turns a failed call into a {@code NativeCallException} naming the
 * function. The shape is mechanical, so it is generated (as jextract generates its libclang binding) and
 * never typed: a new function is one line in the list.
 *
 * <p>A single-file program, run at generate-sources by the exec-maven-plugin execution in pom.xml:
 * <pre>java src/main/capi/GenerateBinding.java src/main/capi/llvm-c.functions target/generated-sources/llvm-c</pre>
 * It rewrites the output only when its text changes, so an unchanged list recompiles nothing.
 */
public final class GenerateBinding {

    private static final String SELF = "src/main/capi/GenerateBinding.java";
    private static final String PACKAGE = "dev.graft.llvm.capi";
    private static final String CLASS = "LibLlvmFunctions";
    private static final int WIDTH = 120;

    /** {@code LLVMName   returns javaName(kind name, ...)   -- note}. */
    private static final Pattern LINE = Pattern.compile(
            "(LLVM\\w+)\\s+(\\w+)\\s+([a-z]\\w*)\\(([^)]*)\\)\\s*(?:--\\s*(.*))?");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][A-Za-z0-9]*");

    /** A C type as the binding passes it: its Java type and its memory layout. */
    private enum Kind {
        PTR("MemorySegment", "ADDRESS"),
        INT("int", "JAVA_INT"),
        LONG("long", "JAVA_LONG"),
        /** An LLVMBool result, read as {@code != 0}. */
        BOOL("boolean", "JAVA_INT"),
        VOID("void", null);

        final String java;
        final String layout;

        Kind(String java, String layout) {
            this.java = java;
            this.layout = layout;
        }
    }

    private record Parameter(Kind kind, String name) {
    }

    private record Function(String cName, Kind returns, String javaName, List<Parameter> parameters, String note) {
    }

    /** A line of the list that cannot be read, told as {@code file:line: what}. */
    private static final class BadDeclaration extends Exception {
        BadDeclaration(Path list, int line, String message) {
            super(list + ":" + line + ": " + message);
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java " + SELF + " DECLARATIONS OUTPUT-SOURCE-ROOT");
            System.exit(2);
        }
        Path list = Path.of(args[0]);
        Path output = Path.of(args[1]).resolve(PACKAGE.replace('.', '/')).resolve(CLASS + ".java");
        List<Function> functions;
        try {
            functions = read(list);
        } catch (BadDeclaration e) {
            System.err.println("GenerateBinding: " + e.getMessage());
            System.exit(1);
            return;
        }
        String command = "java " + SELF + " " + String.join(" ", args);
        writeIfChanged(output, render(functions, list, command));
    }

    private static List<Function> read(Path list) throws IOException, BadDeclaration {
        List<Function> functions = new ArrayList<>();
        Set<String> cNames = new HashSet<>();
        Set<String> javaNames = new HashSet<>();
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new BadDeclaration(list, i + 1,
                        "not 'LLVMName returns javaName(kind name, ...) -- note': " + line);
            }
            Kind returns = kind(m.group(2), list, i + 1);
            List<Parameter> parameters = new ArrayList<>();
            for (String parameter : m.group(4).isBlank() ? new String[0] : m.group(4).split(",")) {
                String[] parts = parameter.strip().split("\\s+");
                if (parts.length != 2 || !IDENTIFIER.matcher(parts[1]).matches()) {
                    throw new BadDeclaration(list, i + 1, "a parameter is 'kind name', not '" + parameter.strip() + "'");
                }
                Kind kind = kind(parts[0], list, i + 1);
                if (kind == Kind.VOID || kind == Kind.BOOL) {
                    throw new BadDeclaration(list, i + 1, parts[0] + " is a result kind, not a parameter kind");
                }
                parameters.add(new Parameter(kind, parts[1]));
            }
            Function function = new Function(m.group(1), returns, m.group(3), List.copyOf(parameters),
                    m.group(5) == null ? "" : m.group(5).strip());
            if (!cNames.add(function.cName()) || !javaNames.add(function.javaName())) {
                throw new BadDeclaration(list, i + 1, "declared twice: " + function.cName() + " / " + function.javaName());
            }
            functions.add(function);
        }
        return functions;
    }

    private static Kind kind(String word, Path list, int line) throws BadDeclaration {
        for (Kind kind : Kind.values()) {
            if (kind.name().toLowerCase(Locale.ROOT).equals(word)) {
                return kind;
            }
        }
        throw new BadDeclaration(list, line, "unknown kind '" + word + "' (ptr, int, long, bool, void)");
    }

    private static String render(List<Function> functions, Path list, String command) {
        StringBuilder out = new StringBuilder();
        out.append("// GENERATED from ").append(list).append(": do not edit; edit the list and rebuild.\n")
                .append("// Generated at generate-sources (pom.xml, exec-maven-plugin) by:\n")
                .append("//   ").append(command).append("\n")
                .append("package ").append(PACKAGE).append(";\n\n")
                .append("import java.lang.foreign.FunctionDescriptor;\n")
                .append("import java.lang.foreign.MemorySegment;\n")
                .append("import java.lang.foreign.SymbolLookup;\n")
                .append("import java.util.List;\n\n")
                .append("import static java.lang.foreign.ValueLayout.ADDRESS;\n")
                .append("import static java.lang.foreign.ValueLayout.JAVA_INT;\n")
                .append("import static java.lang.foreign.ValueLayout.JAVA_LONG;\n\n");
        out.append("""
                /**
                 * The LLVM C API functions graft calls, one typed method each over one loaded libLLVM, generated from
                 * {@code %s}. Each handle is bound on first use, and a failure inside a call comes
                 * back as a {@link NativeCallException} that names the function and keeps its cause. Arguments and
                 * results are raw LLVM references ({@link MemorySegment}) and C values: ownership and lifetimes are the
                 * business of the typed wrappers in {@code dev.graft.llvm}. {@link LibLlvm} adds what is not
                 * mechanical.
                 */
                public abstract sealed class %s permits LibLlvm {

                """.formatted(list, CLASS));
        for (Function f : functions) {
            out.append("    private final Downcall ").append(f.javaName()).append(";\n");
        }
        out.append("\n    ").append(CLASS).append("(SymbolLookup library) {\n");
        for (Function f : functions) {
            String binding = "        " + f.javaName() + " = new Downcall(library, \"" + f.cName() + "\",";
            String descriptor = descriptor(f) + ");";
            out.append(binding.length() + 1 + descriptor.length() <= WIDTH
                    ? binding + " " + descriptor + "\n"
                    : binding + "\n" + wrap("                " + descriptor, "                        "));
        }
        out.append("    }\n\n")
                .append("    /** Every function of the list, in its order, unbound until called: what libLLVM must export. */\n")
                .append("    final List<Downcall> downcalls() {\n")
                .append(wrap("        return List.of("
                        + String.join(", ", functions.stream().map(Function::javaName).toList()) + ");",
                        "                "))
                .append("    }\n");
        for (Function f : functions) {
            out.append('\n').append(method(f));
        }
        return out.append("}\n").toString();
    }

    private static String descriptor(Function f) {
        List<String> layouts = new ArrayList<>();
        if (f.returns() != Kind.VOID) {
            layouts.add(f.returns().layout);
        }
        f.parameters().forEach(p -> layouts.add(p.kind().layout));
        return "FunctionDescriptor." + (f.returns() == Kind.VOID ? "ofVoid(" : "of(") + String.join(", ", layouts) + ")";
    }

    private static String method(Function f) {
        StringBuilder out = new StringBuilder();
        out.append(javadoc(f.cName() + (f.note().isEmpty() ? "." : ": " + f.note())));
        List<String> declared = f.parameters().stream().map(p -> p.kind().java + " " + p.name()).toList();
        List<String> names = f.parameters().stream().map(Parameter::name).toList();
        out.append(wrap("    public " + f.returns().java + " " + f.javaName() + "(" + String.join(", ", declared)
                + ") {", "            "));
        String call = f.javaName() + ".handle().invokeExact(" + String.join(", ", names) + ")";
        String statement = switch (f.returns()) {
            case VOID -> call + ";";
            case BOOL -> "return (int) " + call + " != 0;";
            default -> "return (" + f.returns().java + ") " + call + ";";
        };
        out.append("        try {\n")
                .append(wrap("            " + statement, "                    "))
                .append("        } catch (Throwable t) {\n")
                .append("            throw NativeCallException.of(\"").append(f.cName()).append("\", t);\n")
                .append("        }\n")
                .append("    }\n");
        return out.toString();
    }

    private static String javadoc(String text) {
        String single = "    /** " + text + " */";
        if (single.length() <= WIDTH) {
            return single + "\n";
        }
        StringBuilder out = new StringBuilder("    /**\n");
        StringBuilder line = new StringBuilder("     *");
        for (String word : text.split(" ")) {
            if (line.length() + 1 + word.length() > WIDTH) {
                out.append(line).append('\n');
                line = new StringBuilder("     *");
            }
            line.append(' ').append(word);
        }
        return out.append(line).append("\n     */\n").toString();
    }

    /** Breaks a statement after a comma when it is wider than the page; continuation lines get {@code indent}. */
    private static String wrap(String statement, String indent) {
        StringBuilder out = new StringBuilder();
        String rest = statement;
        while (rest.length() > WIDTH) {
            int cut = rest.lastIndexOf(", ", WIDTH - 1);
            if (cut <= indent.length()) {
                break;
            }
            out.append(rest, 0, cut + 1).append('\n');
            rest = indent + rest.substring(cut + 2);
        }
        return out.append(rest).append('\n').toString();
    }

    /** Written beside the target and renamed into place, and only when the text differs. */
    private static void writeIfChanged(Path output, String text) throws IOException {
        if (Files.exists(output) && Files.readString(output, StandardCharsets.UTF_8).equals(text)) {
            return;
        }
        Files.createDirectories(output.getParent());
        Path partial = output.resolveSibling(output.getFileName() + ".partial");
        Files.writeString(partial, text, StandardCharsets.UTF_8);
        Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
