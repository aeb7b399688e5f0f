package dev.graft.cargo;

import dev.graft.GraftException;
import dev.graft.files.AtomicOutput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Adds the helper bitcode files to a crate's dep-info, as prerequisites of each of the crate's outputs,
 * and graft's settings as {@code # env-dep:NAME=VALUE} lines (rustc's own way of saying that a crate read
 * an environment variable): cargo reads rustc's dep-info to decide when to rebuild, so a crate whose
 * objects carry inlined helpers is rebuilt when the helpers change, even helpers named by
 * {@code GRAFT_HELPERS} that no build script produces, and when a setting that shaped its objects changes.
 */
final class DepInfoHelpers {

    private DepInfoHelpers() {
    }

    /** @param settings each setting's value, empty when unset (a later setting of it rebuilds the crate too) */
    static void add(Path depInfo, Path outDir, List<Path> helpers, Map<String, Optional<String>> settings)
            throws GraftException {
        if (!Files.isRegularFile(depInfo)) {
            return;
        }
        try {
            String text = Files.readString(depInfo, StandardCharsets.UTF_8);
            String fixed = helpers.isEmpty() ? text : withHelpers(text, outDir, helpers);
            AtomicOutput.writeString(depInfo, withSettings(fixed, settings));
        } catch (IOException e) {
            throw GraftException.io("cannot update dep-info " + depInfo, e);
        }
    }

    /** Each rule whose target is in {@code outDir} gains the helpers; each helper gets an empty rule. */
    static String withHelpers(String depInfo, Path outDir, List<Path> helpers) {
        String prerequisites = String.join("", helpers.stream().map(h -> " " + escape(h.toString())).toList());
        String outputs = escape(outDir.toString()) + "/";
        StringBuilder fixed = new StringBuilder();
        for (String line : depInfo.split("\n", -1)) {
            boolean rule = line.startsWith(outputs) && line.contains(":") && !line.startsWith("#");
            fixed.append(line).append(rule ? prerequisites : "").append('\n');
        }
        String text = fixed.substring(0, fixed.length() - 1);
        StringBuilder empty = new StringBuilder(text.endsWith("\n") ? "" : "\n");
        helpers.forEach(h -> empty.append('\n').append(escape(h.toString())).append(":\n"));
        return text + empty;
    }

    /** Appends one {@code # env-dep:} line per setting, escaped as rustc escapes them (backslash, CR, LF). */
    static String withSettings(String depInfo, Map<String, Optional<String>> settings) {
        StringBuilder text = new StringBuilder(depInfo);
        if (!settings.isEmpty() && !depInfo.endsWith("\n")) {
            text.append('\n');
        }
        new TreeMap<>(settings).forEach((name, value) -> text.append("# env-dep:").append(name)
                .append(value.map(v -> "=" + v.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r"))
                        .orElse("")).append('\n'));
        return text.toString();
    }

    /** rustc escapes spaces in dep-info paths with a backslash, as make expects. */
    private static String escape(String path) {
        return path.replace(" ", "\\ ");
    }
}
