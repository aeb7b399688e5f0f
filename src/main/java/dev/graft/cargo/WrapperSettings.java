package dev.graft.cargo;

import dev.graft.GraftException;
import dev.graft.job.BackendSettings;
import dev.graft.link.InliningOptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code graft rustc} takes as options, for the wrapper form, which cargo starts without any: each
 * option has an environment variable (for one build, all crates) and a key in the crate's
 * {@code [package.metadata.graft]} table (for the crate that needs it, in its {@code Cargo.toml}); the
 * environment wins. {@link #TABLE} is the one list, which docs/cargo.md's settings table shows.
 *
 * @param manifest the crate's {@code Cargo.toml}, when its {@code [package.metadata.graft]} table set anything
 */
public record WrapperSettings(BackendSettings backend, Optional<Path> manifest) {

    /** One option of {@code graft rustc}: its environment variable, metadata key, and default (flags: false). */
    record Setting(String environment, String key, String option, Optional<String> defaultValue) {

        boolean flag() {
            return defaultValue.isEmpty();
        }
    }

    static final List<Setting> TABLE = List.of(
            new Setting("GRAFT_BACKEND", "backend", "--backend", Optional.of("inprocess")),
            new Setting("GRAFT_OPT", "opt", "--opt", Optional.of("inline")),
            new Setting(InliningOptions.CALLER_FEATURES_ENVIRONMENT, "caller-features-from-helpers",
                    "--caller-features-from-helpers", Optional.empty()),
            new Setting(InliningOptions.FORCE_INLINE_ENVIRONMENT, "force-inline", "--force-inline", Optional.empty()),
            new Setting(InliningOptions.IGNORE_TARGET_COMPAT_ENVIRONMENT, "ignore-target-compat",
                    "--ignore-target-compat", Optional.empty()));

    static final String TABLE_NAME = "[package.metadata.graft]";

    /** The settings for the crate cargo is building: its environment, then its manifest's table. */
    public static WrapperSettings read(Map<String, String> environment, Path workingDirectory) throws GraftException {
        Optional<Path> manifest = Optional.ofNullable(environment.get("CARGO_MANIFEST_DIR")).filter(s -> !s.isBlank())
                .map(dir -> workingDirectory.resolve(dir).resolve("Cargo.toml")).filter(Files::isRegularFile);
        Map<String, String> fromManifest = manifest.isPresent() ? metadata(manifest.get()) : Map.of();
        Map<String, String> values = new HashMap<>();
        for (Setting setting : TABLE) {
            String given = environment.get(setting.environment());
            if (given != null && !given.isBlank()) {
                values.put(setting.key(), checked(setting, given.strip(), setting.environment() + "=" + given));
            } else if (fromManifest.containsKey(setting.key())) {
                String raw = fromManifest.get(setting.key());
                values.put(setting.key(), checked(setting, unquoted(raw), setting.key() + " = " + raw + " in "
                        + TABLE_NAME + " of " + manifest.orElseThrow()));
            } else {
                values.put(setting.key(), setting.defaultValue().orElse("false"));
            }
        }
        return new WrapperSettings(new BackendSettings(values.get("backend"), values.get("opt"), new InliningOptions(
                on(values.get("force-inline")), on(values.get("ignore-target-compat")),
                on(values.get("caller-features-from-helpers")))).checked(), manifest.filter(m -> !fromManifest.isEmpty()));
    }

    /**
     * Whether the environment turns on the flag whose variable is {@code variable} (a row of {@link #TABLE}),
     * read as the wrapper reads it: what {@code graft rustc} and {@code graft link}, which take the flag as an
     * option too, use, so one spelling means one thing in every form.
     */
    public static boolean flagFromEnvironment(Map<String, String> environment, String variable) throws GraftException {
        Setting setting = TABLE.stream().filter(s -> s.environment().equals(variable) && s.flag()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(variable + " is no flag of the settings table"));
        String given = environment.get(variable);
        return given != null && !given.isBlank() && on(checked(setting, given.strip(), variable + "=" + given));
    }

    /** A value as the option takes it: a flag's on or off as {@code true} or {@code false}. */
    private static String checked(Setting setting, String value, String said) throws GraftException {
        if (!setting.flag()) {
            return value;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> "true";
            case "0", "false", "no", "off" -> "false";
            default -> throw GraftException.badInput(said + ": " + setting.option() + " is on or off (1 or 0, true or "
                    + "false)");
        };
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static boolean on(String value) {
        return value.equals("true");
    }

    /** The {@code key = value} lines of the manifest's {@value #TABLE_NAME} table; unknown keys are refused. */
    static Map<String, String> metadata(Path manifest) throws GraftException {
        List<String> lines;
        try {
            lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw GraftException.io("cannot read " + manifest, e);
        }
        Map<String, String> values = new HashMap<>();
        boolean inTable = false;
        for (String raw : lines) {
            String line = raw.contains("#") && !raw.contains("\"") ? raw.substring(0, raw.indexOf('#')) : raw;
            line = line.strip();
            if (line.startsWith("[")) {
                inTable = line.replace(" ", "").equals(TABLE_NAME);
                continue;
            }
            if (!inTable || line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq).strip();
            if (eq < 0 || TABLE.stream().noneMatch(s -> s.key().equals(key))) {
                throw GraftException.badInput(manifest + ": " + TABLE_NAME + " has '" + line + "'; graft knows "
                        + String.join(", ", TABLE.stream().map(Setting::key).toList()));
            }
            values.put(key, line.substring(eq + 1).strip());
        }
        return values;
    }

    /** The environment variables, for the crates' dep-info: changing one rebuilds what it changed. */
    static List<String> environmentNames() {
        return TABLE.stream().map(Setting::environment).toList();
    }
}
