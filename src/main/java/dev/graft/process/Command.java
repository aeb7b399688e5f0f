package dev.graft.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable description of one subprocess: argv, working directory, extra environment, deadline.
 */
public record Command(List<String> argv, Optional<Path> workingDirectory, Map<String, String> environment,
                      Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public Command {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program");
        }
        argv = List.copyOf(argv);
        environment = Map.copyOf(environment);
    }

    public static Command of(Path program, List<String> args) {
        List<String> argv = new ArrayList<>();
        argv.add(program.toString());
        argv.addAll(args);
        return new Command(argv, Optional.empty(), Map.of(), DEFAULT_TIMEOUT);
    }

    public static Command of(Path program, String... args) {
        return of(program, List.of(args));
    }

    public Command withEnvironment(Map<String, String> extra) {
        return new Command(argv, workingDirectory, extra, timeout);
    }

    /**
     * The command run with {@code environment}, a whole environment (the one a graft command was given):
     * only its entries this process does not already have are set, since a subprocess inherits the rest,
     * and --verbose then shows only what differs.
     */
    public Command withEnvironmentOf(Map<String, String> environment) {
        Map<String, String> differing = new TreeMap<>();
        environment.forEach((k, v) -> {
            if (!v.equals(System.getenv(k))) {
                differing.put(k, v);
            }
        });
        return withEnvironment(differing);
    }

    public Command withTimeout(Duration newTimeout) {
        return new Command(argv, workingDirectory, environment, newTimeout);
    }

    public Command inDirectory(Path directory) {
        return new Command(argv, Optional.of(directory), environment, timeout);
    }

    /** The command line as a POSIX shell would need it typed: safe to copy and paste. */
    public String render() {
        StringBuilder line = new StringBuilder();
        environment.forEach((key, value) -> line.append(key).append('=').append(quote(value)).append(' '));
        for (int i = 0; i < argv.size(); i++) {
            if (i > 0) {
                line.append(' ');
            }
            line.append(quote(argv.get(i)));
        }
        return line.toString();
    }

    static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(Command::isShellSafe)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static boolean isShellSafe(int c) {
        return Character.isLetterOrDigit(c) && c < 128 || "-_./=+,:@%".indexOf(c) >= 0;
    }
}
