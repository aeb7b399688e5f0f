package dev.graft.session;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where one command's fixed cost goes, for {@code GRAFT_TIMINGS=1}: named moments, in milliseconds since
 * the graft call started, printed as one line when the command ends. The launcher replaces the variable's
 * value with its own clock reading (microseconds since the epoch), so the launcher, the client and the
 * JVM (a server's or the command's own) all count from the same moment: each prints its own line, and
 * the differences between them are the launcher script, the JVM's start, the round trip. Off (unset or
 * empty, the default), a mark costs a field read.
 */
public final class Timeline {

    public static final String VARIABLE = "GRAFT_TIMINGS";
    /** A value above this is a clock reading in microseconds (2001 onwards), not a mere "on". */
    private static final long EPOCH_MICROS_FLOOR = 1_000_000_000_000_000L;
    private static final Timeline OFF = new Timeline(false, 0);

    private final boolean on;
    private final long originMicros;
    private final List<String> marks = new ArrayList<>();

    private Timeline(boolean on, long originMicros) {
        this.on = on;
        this.originMicros = originMicros;
    }

    /** The timeline {@code environment} asks for: counting from the launcher's reading, else from now. */
    public static Timeline of(Map<String, String> environment) {
        String value = environment.getOrDefault(VARIABLE, "");
        if (value.isEmpty()) {
            return OFF;
        }
        long origin = nowMicros();
        try {
            long given = Long.parseLong(value);
            if (given > EPOCH_MICROS_FLOOR && given <= origin) {
                origin = given;
            }
        } catch (NumberFormatException e) {
            // "1", "yes": on, counting from here.
        }
        return new Timeline(true, origin);
    }

    public static Timeline off() {
        return OFF;
    }

    public boolean on() {
        return on;
    }

    /** Notes that {@code what} happened now. */
    public void mark(String what) {
        if (!on) {
            return;
        }
        String mark = what + " " + String.format(Locale.ROOT, "%.1f", (nowMicros() - originMicros) / 1000.0);
        synchronized (marks) {
            marks.add(mark);
        }
    }

    /** The line {@code who} prints at the end (its marks so far), when on. */
    public Optional<String> line(String who) {
        if (!on) {
            return Optional.empty();
        }
        synchronized (marks) {
            return Optional.of("graft: timings of " + who + " (ms since graft started): " + String.join(", ", marks));
        }
    }

    private static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
