package dev.graft.testkit;

import java.util.ArrayList;
import java.util.List;

/** graft as a separate JVM process, on the classpath the tests run with (the jar may not be built yet). */
public final class GraftProcess {

    private GraftProcess() {
    }

    public static List<String> argv(String... args) {
        List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.graft.cli.Main"));
        argv.addAll(List.of(args));
        return argv;
    }

    /** The same, as one line for a Makefile variable (the classpath holds no spaces in a Maven build). */
    public static String commandLine() {
        return String.join(" ", argv());
    }
}
