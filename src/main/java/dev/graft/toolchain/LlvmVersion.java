package dev.graft.toolchain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An LLVM release number. Bitcode is readable only by the same or a newer major version. */
public record LlvmVersion(int major, int minor, int patch) implements Comparable<LlvmVersion> {

    private static final Pattern NUMBER = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** Finds the first version number after {@code marker} in a tool's version banner. */
    public static Optional<LlvmVersion> find(String text, String marker) {
        int at = text.indexOf(marker);
        if (at < 0) {
            return Optional.empty();
        }
        Matcher m = NUMBER.matcher(text);
        if (!m.find(at + marker.length())) {
            return Optional.empty();
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return Optional.of(new LlvmVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch));
    }

    public boolean sameMajor(LlvmVersion other) {
        return major == other.major;
    }

    @Override
    public int compareTo(LlvmVersion o) {
        if (major != o.major) {
            return Integer.compare(major, o.major);
        }
        return minor != o.minor ? Integer.compare(minor, o.minor) : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
