package dev.shopreco.producer.replay;

import dev.shopreco.common.model.RejectReason;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** What a replay did: counts of everything sent, refused or skipped, and the rate. */
public final class ReplaySummary {

    long products;
    long users;
    long events;
    /** Events a session hook added (simulated clients), not counted in {@link #events}. */
    long added;
    long blankLines;
    long outOfRange;
    long alreadyDelivered;
    long resumes;
    long sessionLines;
    boolean limitReached;
    boolean sorted;
    Duration elapsed = Duration.ZERO;
    private final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);

    void reject(final RejectReason reason) {
        rejected.merge(reason, 1L, Long::sum);
    }

    public long products() {
        return products;
    }

    public long users() {
        return users;
    }

    /** Session events sent to {@code shop.sessions} by this run. */
    public long events() {
        return events;
    }

    /** Lines refused (sent to the dead-letter topic), by reason. */
    public Map<RejectReason, Long> rejected() {
        return Map.copyOf(rejected);
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Lines skipped because an earlier run delivered them. */
    public long alreadyDelivered() {
        return alreadyDelivered;
    }

    /** Times this run lost records in flight (broker restart, lost connection) and went on from what Kafka holds. */
    public long resumes() {
        return resumes;
    }

    public Duration elapsed() {
        return elapsed;
    }

    /** Events a session hook added (simulated clients). */
    public long added() {
        return added;
    }

    /** Session events per second of this run. */
    public double eventsPerSecond() {
        final double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : events / seconds;
    }

    /** A human-readable report, one figure a line. */
    public String report() {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Replay finished in %.1f s%s%n", elapsed.toNanos() / 1e9,
                limitReached ? " (--limit reached)" : ""));
        line(out, "products sent", products);
        line(out, "users sent", users);
        line(out, "session events sent", events);
        if (added > 0) {
            line(out, "events added by simulated clients", added);
        }
        out.append(String.format(Locale.ROOT, "  %-42s %,12.0f%n", "rate (session events/s)", eventsPerSecond()));
        line(out, "refused (sent to shop.sessions.rejected)", rejectedTotal());
        rejected.forEach((reason, count) -> line(out, "  " + reason, count));
        line(out, "skipped: delivered by an earlier run", alreadyDelivered);
        line(out, "skipped: outside --from/--to", outOfRange);
        line(out, "skipped: blank lines", blankLines);
        if (resumes > 0) {
            line(out, "resumed from Kafka after a send failed", resumes);
        }
        if (sorted) {
            out.append("  (sessions file was not in timestamp order: sorted in memory)").append(System.lineSeparator());
        }
        return out.toString();
    }

    private static void line(final StringBuilder out, final String label, final long value) {
        out.append(String.format(Locale.ROOT, "  %-42s %,12d%n", label, value));
    }
}
