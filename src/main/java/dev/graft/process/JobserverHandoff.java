package dev.graft.process;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hands cargo's or make's jobserver on to the build commands graft starts in its own JVM
 * ({@link ProcessRunner#executeInBuild}, {@link ProcessRunner#runInheritingIo}). cargo gives rustc the
 * jobserver as two inherited file descriptors ({@code --jobserver-auth=R,W} in {@code CARGO_MAKEFLAGS}), and
 * make 4.3 gives a '+' recipe the same in {@code MAKEFLAGS}; the JVM inherits them but
 * starts every child with only 0, 1 and 2, and rustc then warns that the build environment is
 * misconfigured. The same pipe is reachable by name, {@code /proc/<graft's pid>/fd/R}, which rustc's
 * jobserver client opens as a named pipe ({@code fifo:PATH}): rustc still takes its tokens from cargo.
 * When the descriptor is not a pipe open in graft, the jobserver words are dropped instead (rustc then runs
 * without one, as it would outside cargo).
 */
public final class JobserverHandoff {

    private static final List<String> VARIABLES = List.of("CARGO_MAKEFLAGS", "MAKEFLAGS", "MFLAGS");
    private static final Pattern AUTH = Pattern.compile("--jobserver-(?:auth|fds)=(\\d+),(\\d+)");

    private JobserverHandoff() {
    }

    /** The variables to change in rustc's environment (empty when there is no descriptor jobserver). */
    public static Map<String, String> environment(Map<String, String> environment) {
        Map<String, String> changed = new HashMap<>();
        for (String variable : VARIABLES) {
            String value = environment.get(variable);
            if (value == null) {
                continue;
            }
            Matcher m = AUTH.matcher(value);
            if (!m.find()) {
                continue;
            }
            Optional<Path> pipe = Optional.of(Path.of("/proc", Long.toString(ProcessHandle.current().pid()), "fd",
                    m.group(1))).filter(JobserverHandoff::isPipe);
            String replacement = pipe.map(p -> "--jobserver-auth=fifo:" + p).orElse("");
            changed.put(variable, AUTH.matcher(value).replaceAll("").strip().replaceAll(" +", " ")
                    + (replacement.isEmpty() ? "" : " " + replacement));
        }
        return changed;
    }

    /** Only a pipe is cargo's: a descriptor graft did not inherit may be a file the JVM opened since. */
    private static boolean isPipe(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString().startsWith("pipe:");
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
