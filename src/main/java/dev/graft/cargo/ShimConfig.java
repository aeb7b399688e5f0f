package dev.graft.cargo;

import dev.graft.GraftException;
import dev.graft.files.AtomicOutput;
import dev.graft.job.BackendSettings;
import dev.graft.link.InliningOptions;

import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What the wrapper tells the linker shim, in a directory rustc's environment names
 * ({@value #ENVIRONMENT}): rustc starts the linker with its own environment, so this reaches the shim
 * and nothing else. The shim writes its unit reports and warnings back into the same directory.
 *
 * @param rustcArgs the crate's rustc arguments (response files expanded), for its code generation options
 */
public record ShimConfig(Path directory, Path rustc, String realLinker, String crateName, String stem, Path outDir,
                         List<Path> helpers, WrapperSettings settings, List<String> rustcArgs) {

    public static final String ENVIRONMENT = "GRAFT_LINK_SHIM";
    private static final String FILE = "shim.properties";

    public void write() throws GraftException {
        Properties p = new Properties();
        p.setProperty("rustc", rustc.toString());
        p.setProperty("linker", realLinker);
        p.setProperty("crate", crateName);
        p.setProperty("stem", stem);
        p.setProperty("out-dir", outDir.toString());
        p.setProperty("helpers", String.join(File.pathSeparator, helpers.stream().map(Path::toString).toList()));
        p.setProperty("backend", settings.backend().name());
        p.setProperty("opt", settings.backend().optimization());
        InliningOptions inlining = settings.backend().inlining();
        p.setProperty("force-inline", Boolean.toString(inlining.forceInline()));
        p.setProperty("ignore-target-compat", Boolean.toString(inlining.ignoreTargetCompat()));
        p.setProperty("caller-features-from-helpers", Boolean.toString(inlining.callerFeaturesFromHelpers()));
        p.setProperty("rustc-args", String.join("\n", rustcArgs));
        StringWriter text = new StringWriter();
        try {
            p.store(text, "graft linker shim");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        AtomicOutput.writeString(directory.resolve(FILE), text.toString());
    }

    public static ShimConfig read(Path directory) throws GraftException {
        Properties p = new Properties();
        try {
            p.load(new StringReader(Files.readString(directory.resolve(FILE), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw GraftException.io("cannot read the linker shim's settings in " + directory, e);
        }
        return new ShimConfig(directory, Path.of(p.getProperty("rustc")), p.getProperty("linker"),
                p.getProperty("crate"), p.getProperty("stem"), Path.of(p.getProperty("out-dir")),
                Arrays.stream(p.getProperty("helpers").split(File.pathSeparator)).map(Path::of).toList(),
                new WrapperSettings(new BackendSettings(p.getProperty("backend"), p.getProperty("opt"),
                        new InliningOptions(flag(p, "force-inline"), flag(p, "ignore-target-compat"),
                                flag(p, "caller-features-from-helpers"))), Optional.empty()),
                List.of(p.getProperty("rustc-args").split("\n", -1)));
    }

    private static boolean flag(Properties p, String name) {
        return Boolean.parseBoolean(p.getProperty(name));
    }

    public Path reportDirectory() {
        return reportDirectory(directory);
    }

    public Path warningsFile() {
        return warningsFile(directory);
    }

    static Path reportDirectory(Path shimDirectory) {
        return shimDirectory.resolve("reports");
    }

    static Path warningsFile(Path shimDirectory) {
        return shimDirectory.resolve("warnings.txt");
    }
}
