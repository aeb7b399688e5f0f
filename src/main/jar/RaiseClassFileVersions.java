import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites the class files of graft's jar that are older than Java 6's format (picocli's: it is compiled for
 * Java 5) to Java 8's, with the stack maps that format requires, so the JDK's ahead-of-time class cache can
 * hold them. The cache skips a class file older than version 50 (it cannot be verified when the cache is
 * made), so without this every fresh graft JVM loaded, verified and linked picocli's classes from the jar,
 * a large part of the start of a JVM that parses a graft command line (bench/RESULTS.md).
 *
 * <p>Every rewritten class is checked with the class-file verifier before the jar is replaced; any error fails
 * the build. A single-file program, run at package, after the shade plugin, by the exec-maven-plugin
 * execution in pom.xml:
 * <pre>java src/main/jar/RaiseClassFileVersions.java target/graft.jar</pre>
 */
public final class RaiseClassFileVersions {

    /** Java 6's format, the first one the cache stores; Java 8's is what the code is written for. */
    private static final int CACHEABLE = 50;
    private static final int RAISED_TO = 52;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java src/main/jar/RaiseClassFileVersions.java JAR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Path rewritten = jar.resolveSibling(jar.getFileName() + ".raising");
        int raised = 0;
        try (URLClassLoader jarClasses = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
            // The stack maps need the common superclass of two types: the JDK's, or one in this jar.
            ClassFile classFiles = ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver
                    .defaultResolver().orElse(ClassHierarchyResolver.ofResourceParsing(jarClasses))));
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] bytes = in.readAllBytes();
                if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
                    ClassModel model = classFiles.parse(bytes);
                    if (model.majorVersion() < CACHEABLE) {
                        bytes = raise(classFiles, model, entry.getName());
                        raised++;
                    }
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(rewritten);
            throw e;
        }
        // Silent, as the launcher's first-use build is; a jar with nothing old is left as it was.
        if (raised == 0) {
            Files.delete(rewritten);
            return;
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The class in version {@value #RAISED_TO}: every method's code rebuilt, which writes its stack maps. */
    private static byte[] raise(ClassFile classFiles, ClassModel model, String name) {
        byte[] raised = classFiles.transformClass(model, ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)
                .andThen((builder, element) -> {
                    if (element instanceof ClassFileVersion) {
                        builder.withVersion(RAISED_TO, 0);
                    } else {
                        builder.with(element);
                    }
                }));
        List<VerifyError> errors = classFiles.verify(raised);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(name + " does not verify once raised: " + errors.getFirst().getMessage());
        }
        return raised;
    }
}
