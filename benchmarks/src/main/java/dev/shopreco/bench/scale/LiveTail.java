package dev.shopreco.bench.scale;

import dev.shopreco.common.io.DataFolder;
import dev.shopreco.common.model.SessionEvent;
import dev.shopreco.common.validation.Parsed;
import dev.shopreco.common.validation.SessionEventParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * The last events of a data set, held back from the first replay and replayed live once the state
 * caught up: the events at or after {@code from} (the replay's {@code --to} / {@code --from} cut).
 *
 * @param from   the first held-back event's time
 * @param events the valid session events at or after {@code from}
 * @param span   event time from {@code from} to the last event
 */
record LiveTail(LocalDateTime from, long events, Duration span) {

    /** The tail of about {@code wanted} events (more when events share the cut's timestamp). */
    static LiveTail of(final Path data, final long wanted) throws IOException {
        long[] times = new long[1 << 16];
        int n = 0;
        try (BufferedReader lines = new DataFolder(data).open(DataFolder.SESSIONS)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (SessionEventParser.DEFAULT.parse(line) instanceof Parsed.Valid<SessionEvent> valid) {
                    if (n == times.length) {
                        times = Arrays.copyOf(times, n * 2);
                    }
                    times[n++] = valid.value().epochMillis();
                }
            }
        }
        if (wanted < 1 || wanted >= n) {
            throw new IllegalArgumentException("--live-events must be between 1 and the data's " + (n - 1)
                    + " valid session events, got " + wanted);
        }
        Arrays.sort(times, 0, n);
        final long cut = times[(int) (n - wanted)];
        int first = (int) (n - wanted);
        while (first > 0 && times[first - 1] == cut) {
            first--;
        }
        final LocalDateTime from = LocalDateTime.ofEpochSecond(Math.floorDiv(cut, 1000),
                (int) Math.floorMod(cut, 1000) * 1_000_000, ZoneOffset.UTC);
        return new LiveTail(from, n - first, Duration.ofMillis(times[n - 1] - cut));
    }

    /** The replay's {@code --speed} (times real time) that sends the tail at about {@code eventsPerSecond}. */
    double speedFor(final double eventsPerSecond) {
        final double seconds = Math.max(1e-3, span.toMillis() / 1e3);
        return eventsPerSecond * seconds / events;
    }
}
